// RightResponse transparency dashboard: fetches public aggregates and draws inline SVG
// charts. No libraries, no network beyond this server. Data is set with textContent only.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var state = { data: null, policy: null };

  function el(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function pct(v) { return v === null || v === undefined ? "suppressed" : (v * 100).toFixed(1) + "%"; }
  function secs(v) { return v === null || v === undefined ? "suppressed" : v.toFixed(1) + " s"; }
  function num(v) { return v === null || v === undefined ? "suppressed" : String(v); }

  function hatch(svg) {
    var defs = el("defs");
    var p = el("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse",
                            patternTransform: "rotate(45)" });
    p.appendChild(el("rect", { width: 6, height: 6, fill: "#fff" }));
    p.appendChild(el("rect", { width: 3, height: 6, fill: "#ccd2da" }));
    defs.appendChild(p);
    svg.appendChild(defs);
  }

  // Horizontal bars: rows of {label, values: [number|null], fmt}; max is the scale's top.
  function barChart(container, rows, opts) {
    container.textContent = "";
    if (!rows.length) {
      var empty = document.createElement("div");
      empty.className = "empty";
      empty.textContent = "No data yet.";
      container.appendChild(empty);
      return;
    }
    var series = opts.series || 1;
    var rowH = 14 * series + 12, labelW = 170, valueW = 90, width = 520;
    var plotW = width - labelW - valueW, height = rows.length * rowH + 8;
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: "100%",
                          role: "img", "aria-label": opts.title || "chart" });
    hatch(svg);
    var max = opts.max || Math.max.apply(null, rows.map(function (r) {
      return Math.max.apply(null, r.values.map(function (v) { return v || 0; }));
    }).concat([1e-9]));
    svg.appendChild(el("line", { x1: labelW, x2: labelW, y1: 0, y2: height, "class": "axis" }));
    rows.forEach(function (r, i) {
      var y = i * rowH + 6;
      var label = r.label.length > 24 ? r.label.slice(0, 23) + "…" : r.label;
      svg.appendChild(el("text", { x: labelW - 8, y: y + (rowH - 12) / 2 + 4, "text-anchor": "end" }, label));
      r.values.forEach(function (v, s) {
        var by = y + s * 14;
        if (v === null || v === undefined) {
          svg.appendChild(el("rect", { x: labelW + 1, y: by, width: plotW, height: 12, fill: "url(#hatch)" }));
          svg.appendChild(el("text", { x: labelW + 6, y: by + 10, "class": "muted" }, "suppressed (<" + state.data.min_count + ")"));
        } else {
          var w = Math.max(1, (v / max) * plotW);
          svg.appendChild(el("rect", { x: labelW + 1, y: by, width: w, height: 12, "class": s ? "bar2" : "bar" }));
          svg.appendChild(el("text", { x: labelW + plotW + 6, y: by + 10 }, (opts.fmt || num)(v)));
        }
      });
    });
    container.appendChild(svg);
  }

  function card(parent, label, value, suppressed) {
    var c = document.createElement("div");
    c.className = "card";
    var l = document.createElement("div"); l.className = "label"; l.textContent = label;
    var v = document.createElement("div"); v.className = "value" + (suppressed ? " suppressed" : "");
    v.textContent = value;
    c.appendChild(l); c.appendChild(v); parent.appendChild(c);
  }

  function render() {
    var policy = state.data.policies.filter(function (p) { return p.policy_version === state.policy; })[0];
    var cards = document.getElementById("cards");
    cards.textContent = "";
    if (!policy) { document.getElementById("status").textContent = "No calls recorded yet."; return; }
    var o = policy.overall;
    card(cards, "Calls triaged", num(o.triaged), o.triaged === null);
    card(cards, "Diversion rate (no police sent)", pct(o.diversion_rate), o.diversion_rate === null);
    card(cards, "Received → assigned, median", secs(o.time_to_assign_p50_s), o.time_to_assign_p50_s === null);
    card(cards, "Received → assigned, 90th pct", secs(o.time_to_assign_p90_s), o.time_to_assign_p90_s === null);
    card(cards, "Fallbacks", num(o.fallbacks), o.fallbacks === null);
    // No floor decision at all is not a small cell: say so rather than "suppressed".
    function floor(count, text) { return count === 0 ? "none yet" : text; }
    card(cards, "911 floor override rate", floor(o.floor_decided, pct(o.override_rate)),
         o.override_rate === null && o.floor_decided !== 0);
    card(cards, "Resolved by phone", num(o.resolved_by_phone), o.resolved_by_phone === null);
    card(cards, "Transferred to 988", num(o.transferred_988), o.transferred_988 === null);
    card(cards, "Prompt → confirmed, median", floor(o.confirm_timed, secs(o.time_to_confirm_p50_s)),
         o.time_to_confirm_p50_s === null && o.confirm_timed !== 0);
    card(cards, "Prompt → confirmed, 90th pct", floor(o.confirm_timed, secs(o.time_to_confirm_p90_s)),
         o.time_to_confirm_p90_s === null && o.confirm_timed !== 0);
    function rate(dim) {
      return policy["by_" + dim].map(function (g) { return { label: g[dim], values: [g.diversion_rate] }; });
    }
    barChart(document.getElementById("chart-pathway"), rate("pathway"), { max: 1, fmt: pct, title: "Diversion by pathway" });
    barChart(document.getElementById("chart-district"), rate("district"), { max: 1, fmt: pct, title: "Diversion by district" });
    barChart(document.getElementById("chart-day"), rate("day"), { max: 1, fmt: pct, title: "Diversion by day" });
    barChart(document.getElementById("chart-tag"), rate("tag"), { max: 1, fmt: pct, title: "Diversion by tag" });
    barChart(document.getElementById("chart-time"), policy.by_pathway.map(function (g) {
      return { label: g.pathway, values: [g.time_to_assign_p50_s, g.time_to_assign_p90_s] };
    }), { series: 2, fmt: secs, title: "Time to assign" });
    barChart(document.getElementById("chart-fallbacks"), policy.by_pathway.map(function (g) {
      return { label: g.pathway, values: [g.fallbacks] };
    }), { fmt: num, title: "Fallbacks" });
    barChart(document.getElementById("chart-overrides"), policy.by_pathway.map(function (g) {
      return { label: g.pathway, values: [g.override_rate] };
    }), { max: 1, fmt: pct, title: "Override rate by pathway" });
    barChart(document.getElementById("chart-override-reasons"), policy.overrides_by_reason.map(function (g) {
      return { label: g.reason_code.replace(/_/g, " "), values: [g.overridden] };
    }), { fmt: num, title: "Overrides by reason" });
    document.getElementById("status").textContent =
      "Updated " + new Date(state.data.generated_at).toLocaleString();
    document.body.setAttribute("data-ready", "true");
  }

  function load() {
    fetch("/v1/public/metrics", { headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) {
        state.data = data;
        document.getElementById("min-count").textContent = String(data.min_count);
        var select = document.getElementById("policy");
        select.textContent = "";
        data.policies.forEach(function (p) {
          var opt = document.createElement("option");
          opt.value = p.policy_version; opt.textContent = p.policy_version;
          select.appendChild(opt);
        });
        var versions = data.policies.map(function (p) { return p.policy_version; });
        if (versions.indexOf(state.policy) < 0) state.policy = versions[versions.length - 1] || null;
        select.value = state.policy;
        render();
      })
      .catch(function (err) {
        document.getElementById("status").textContent = "Could not load the figures (" + err.message + ").";
        document.body.setAttribute("data-ready", "error");
      });
  }

  document.getElementById("policy").addEventListener("change", function (e) {
    state.policy = e.target.value; render();
  });
  load();
}());
