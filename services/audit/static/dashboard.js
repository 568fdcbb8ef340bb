// RightResponse program evaluation dashboard: fetches the public figures (whole weeks of
// daily rollups) and the district outlines, and draws inline SVG. No libraries, no
// network beyond this server. Data is set with textContent only.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var state = { data: null, districts: null };

  function el(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function $(id) { return document.getElementById(id); }
  function pct(v) { return v === null || v === undefined ? "withheld" : (v * 100).toFixed(1) + "%"; }
  function mins(v) { return v === null || v === undefined ? "withheld" : (v / 60).toFixed(1) + " min"; }
  function ratio(a, b) { return b ? a / b : null; }
  function cells(rows, key) {  // [{key: name, cells: {...}}] -> {name: cells}
    var out = {};
    (rows || []).forEach(function (r) { out[r[key]] = r.cells; });
    return out;
  }
  function sum(obj) { return Object.keys(obj || {}).reduce(function (a, k) { return a + obj[k]; }, 0); }
  function family(group) {
    if (group.indexOf("other_") === 0) return group.slice(6);
    return state.data.response_families[group] || "mixed";
  }
  function diverted(row) {  // a row of response cells -> diverted count
    return Object.keys(row).reduce(function (a, g) { return a + (family(g) === "diverted" ? row[g] : 0); }, 0);
  }

  function svgBox(container, width, height, title) {
    container.textContent = "";
    var svg = el("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img",
                          "aria-label": title });
    var defs = el("defs");
    var p = el("pattern", { id: "hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse",
                            patternTransform: "rotate(45)" });
    p.appendChild(el("rect", { width: 6, height: 6, fill: "#fff" }));
    p.appendChild(el("rect", { width: 3, height: 6, fill: "#ccd2da" }));
    defs.appendChild(p);
    svg.appendChild(defs);
    container.appendChild(svg);
    return svg;
  }
  function empty(container, text) {
    container.textContent = "";
    var d = document.createElement("div");
    d.className = "empty";
    d.textContent = text || "Nothing to show: no group reached the publication threshold.";
    container.appendChild(d);
  }

  // Horizontal bars. rows: {label, bars: [{value, cls, text}]} with values on one scale.
  function bars(container, rows, opts) {
    if (!rows.length) return empty(container);
    var series = Math.max.apply(null, rows.map(function (r) { return r.bars.length; }));
    var rowH = 14 * series + 12, labelW = 170, valueW = 110, width = 540;
    var plotW = width - labelW - valueW, height = rows.length * rowH + 8;
    var svg = svgBox(container, width, height, opts.title);
    var max = opts.max || Math.max.apply(null, rows.map(function (r) {
      return Math.max.apply(null, r.bars.map(function (b) { return b.value || 0; }));
    }).concat([1e-9]));
    svg.appendChild(el("line", { x1: labelW, x2: labelW, y1: 0, y2: height, "class": "axis" }));
    rows.forEach(function (r, i) {
      var y = i * rowH + 6;
      var label = r.label.length > 24 ? r.label.slice(0, 23) + "…" : r.label;
      svg.appendChild(el("text", { x: labelW - 8, y: y + (rowH - 12) / 2 + 4, "text-anchor": "end" }, label));
      r.bars.forEach(function (b, s) {
        var by = y + s * 14;
        if (b.value === null || b.value === undefined) {
          svg.appendChild(el("rect", { x: labelW + 1, y: by, width: plotW, height: 12, fill: "url(#hatch)" }));
          svg.appendChild(el("text", { x: labelW + 6, y: by + 10, "class": "muted" }, "withheld"));
          return;
        }
        var w = Math.max(1, (b.value / max) * plotW);
        svg.appendChild(el("rect", { x: labelW + 1, y: by, width: w, height: 12, "class": b.cls }));
        svg.appendChild(el("text", { x: labelW + w + 6, y: by + 10 }, b.text));
      });
    });
  }

  function card(label, value) {
    var c = document.createElement("div");
    c.className = "card";
    var l = document.createElement("div");
    l.className = "label";
    l.textContent = label;
    var v = document.createElement("div");
    v.className = "value" + (value === "withheld" ? " suppressed" : "");
    v.textContent = value;
    c.appendChild(l);
    c.appendChild(v);
    $("cards").appendChild(c);
  }
  function group(list, name) {
    var hit = (list || []).filter(function (c) { return c.group === name; })[0];
    return hit ? hit.count : 0;
  }

  function drawCards(s) {
    $("cards").textContent = "";
    var eligible = group(s.crisis, "served") + group(s.crisis, "unmet");
    var intervals = s.intervals;
    card("Triaged calls", String(s.calls));
    card("Diversion (answered without police)", pct(s.diversion_rate));
    card("EMS/fire only (counted apart)", String(s.response_families.ems_fire_only || 0));
    card("Crisis team: eligible calls served", pct(ratio(group(s.crisis, "served"), eligible)));
    card("Crisis team: unmet demand (calls)", String(group(s.crisis, "unmet")));
    card("Backup requested", pct(ratio(group(s.backup, "requested"), s.calls)));
    card("Repeat calls to the same place (30 days)", pct(ratio(group(s.repeat, "repeat"), s.calls)));
    card("Median time to dispatch", mins(intervals.dispatch.overall && intervals.dispatch.overall.p50_s));
    card("Median time to arrival", mins(intervals.arrival.overall && intervals.arrival.overall.p50_s));
    var decided = group(s.floor, "confirmed") + group(s.floor, "overridden");
    card("911 floor: recommendations overridden", pct(ratio(group(s.floor, "overridden"), decided)));
    card("Weeks withheld (under 10 calls)", String(s.weeks_withheld));
  }

  function drawResponse(s) {
    var rows = s.response.filter(function (c) { return c.count > 0; }).map(function (c) {
      var f = family(c.group), share = c.count / s.calls;
      return { label: c.group.replace(/_/g, " "), bars: [{ value: share, text: pct(share),
        cls: f === "diverted" ? "diverted" : f === "ems_fire_only" ? "apart" : "police" }] };
    });
    bars($("chart-response"), rows, { title: "response shares", max: 1 });
  }

  function drawTrend(weeks) {
    var box = $("chart-trend");
    if (!weeks.length) return empty(box);
    var width = 540, height = 220, left = 40, bottom = 40, top = 10;
    var svg = svgBox(box, width, height, "weekly trend");
    var step = (width - left - 10) / weeks.length;
    var maxCalls = Math.max.apply(null, weeks.map(function (w) { return w.calls || 0; }).concat([1]));
    var points = [];
    weeks.forEach(function (w, i) {
      var x = left + i * step;
      svg.appendChild(el("text", { x: x + step / 2, y: height - bottom + 14, "text-anchor": "middle" },
                         w.week.slice(5)));
      if (w.withheld) {
        svg.appendChild(el("rect", { x: x + 2, y: top, width: step - 4, height: height - top - bottom, fill: "url(#hatch)" }));
        return;
      }
      var h = (w.calls / maxCalls) * (height - top - bottom);
      svg.appendChild(el("rect", { x: x + 2, y: height - bottom - h, width: step - 4, height: h, "class": "bar2" }));
      var fam = 0;
      w.attributes.response.forEach(function (c) { if (family(c.group) === "diverted") fam += c.count; });
      var rate = fam / w.calls;
      points.push((x + step / 2) + "," + (height - bottom - rate * (height - top - bottom)));
      svg.appendChild(el("text", { x: x + step / 2, y: height - bottom - rate * (height - top - bottom) - 6,
                                   "text-anchor": "middle" }, pct(rate)));
    });
    if (points.length) svg.appendChild(el("polyline", { points: points.join(" "), "class": "trend" }));
    svg.appendChild(el("text", { x: left, y: height - 8, "class": "muted" },
                       "bars: calls a week (most " + maxCalls + "); line: diversion rate"));
  }

  function drawEligible(weeks) {
    var rows = weeks.map(function (w) {
      if (w.withheld) return { label: w.week, bars: [{ value: null }] };
      var served = group(w.attributes.crisis, "served"), unmet = group(w.attributes.crisis, "unmet");
      return { label: w.week, bars: [{ value: served, cls: "served", text: served + " served" },
                                    { value: unmet, cls: "unmet", text: unmet + " unmet" }] };
    });
    bars($("chart-eligible"), rows, { title: "eligible vs served" });
  }

  function crisisRows(table, key) {
    var by = cells(table, key);
    return Object.keys(by).map(function (name) {
      var c = by[name], eligible = (c.served || 0) + (c.unmet || 0);
      return { name: name, c: c, eligible: eligible, unmet: ratio(c.unmet || 0, eligible) };
    });
  }

  function drawUnmetByHour(s) {
    var rows = crisisRows(s.cross.hour_by_crisis, "hour").filter(function (r) { return r.eligible; })
      .map(function (r) { return { label: r.name === "other" ? "other hours" : r.name + ":00",
        bars: [{ value: r.unmet, cls: "unmet", text: pct(r.unmet) + " of " + r.eligible }] }; });
    bars($("chart-unmet-hour"), rows, { title: "unmet by hour", max: 1 });
  }

  function districtRates(s) {
    var rates = {};
    (s.cross.district_by_response || []).forEach(function (r) {
      rates[r.district] = { diverted: ratio(diverted(r.cells), sum(r.cells)) };
    });
    crisisRows(s.cross.district_by_crisis, "district").forEach(function (r) {
      rates[r.name] = rates[r.name] || {};
      rates[r.name].unmet = r.eligible ? r.unmet : undefined;
    });
    return rates;
  }

  function drawDistricts(s) {
    var rates = districtRates(s);
    var rows = Object.keys(rates).sort().map(function (d) {
      var r = rates[d], out = [{ value: r.diverted === undefined ? null : r.diverted, cls: "diverted",
                                 text: pct(r.diverted) }];
      if (r.unmet !== undefined) out.push({ value: r.unmet, cls: "unmet", text: pct(r.unmet) + " unmet" });
      return { label: d, bars: out };
    });
    bars($("chart-district"), rows, { title: "district rates", max: 1 });
    drawMap(rates);
  }

  // The districts' polygons in an equirectangular projection scaled for latitude.
  function drawMap(rates) {
    var box = $("map"), features = (state.districts || {}).features || [];
    if (!features.length) return empty(box, "No district polygons configured.");
    var pts = [];
    features.forEach(function (f) { f.geometry.coordinates.forEach(function (poly) {
      poly[0].forEach(function (p) { pts.push(p); }); }); });
    var minX = Math.min.apply(null, pts.map(function (p) { return p[0]; }));
    var maxX = Math.max.apply(null, pts.map(function (p) { return p[0]; }));
    var minY = Math.min.apply(null, pts.map(function (p) { return p[1]; }));
    var maxY = Math.max.apply(null, pts.map(function (p) { return p[1]; }));
    var k = Math.cos(((minY + maxY) / 2) * Math.PI / 180);
    var width = 540, height = 300, pad = 10;
    var scale = Math.min((width - 2 * pad) / ((maxX - minX) * k || 1), (height - 40 - 2 * pad) / ((maxY - minY) || 1));
    var svg = svgBox(box, width, height, "district map");
    function xy(p) { return [pad + (p[0] - minX) * k * scale, pad + (maxY - p[1]) * scale]; }
    features.forEach(function (f) {
      var name = f.properties.district, rate = rates[name] && rates[name].diverted;
      var d = f.geometry.coordinates.map(function (poly) {
        return poly.map(function (ring) {
          return "M" + ring.map(function (p) { return xy(p).join(","); }).join("L") + "Z";
        }).join(" ");
      }).join(" ");
      var shade = rate === undefined || rate === null ? "url(#hatch)"
        : "rgb(" + Math.round(230 - 183 * rate) + "," + Math.round(240 - 97 * rate) + "," + Math.round(235 - 144 * rate) + ")";
      var path = el("path", { d: d, fill: shade, "class": "district", "fill-rule": "evenodd" });
      path.appendChild(el("title", {}, name + ": " + pct(rate)));
      svg.appendChild(path);
      var c = f.geometry.coordinates[0][0].reduce(function (a, p) { return [a[0] + p[0], a[1] + p[1]]; }, [0, 0]);
      var n = f.geometry.coordinates[0][0].length;
      var at = xy([c[0] / n, c[1] / n]);
      svg.appendChild(el("text", { x: at[0], y: at[1], "text-anchor": "middle" }, name + " " + pct(rate)));
    });
    svg.appendChild(el("text", { x: pad, y: height - 8, "class": "muted" },
                       "darker: more calls answered without police; hatched: withheld"));
  }

  function drawTimes(s, by, box) {
    var rows = [];
    ["dispatch", "arrival"].forEach(function (interval) {
      (s.intervals[interval]["by_" + by] || []).forEach(function (g) {
        rows.push({ label: interval + ": " + g[by], bars: [
          { value: g.p50_s / 60, cls: "bar", text: mins(g.p50_s) },
          { value: g.p90_s / 60, cls: "bar2", text: mins(g.p90_s) }] });
      });
    });
    bars(box, rows, { title: "time by " + by });
  }

  function drawShares(box, table, key, wanted, cls, title) {
    var by = cells(table, key);
    var rows = [];
    Object.keys(by).sort().forEach(function (name) {
      var total = sum(by[name]);
      Object.keys(by[name]).sort().forEach(function (col) {
        if (wanted ? col !== wanted : !by[name][col]) return;
        var share = ratio(by[name][col], total);
        rows.push({ label: wanted ? name : name + ": " + col.replace(/_/g, " "),
                    bars: [{ value: share, cls: cls, text: pct(share) + " (" + by[name][col] + ")" }] });
      });
    });
    bars(box, rows, { title: title, max: 1 });
  }

  function render() {
    var d = state.data, s = d.summary;
    $("min-count").textContent = String(d.min_count);
    $("zone").textContent = d.time_zone;
    $("from").value = d.range_from;
    $("to").value = d.range_to;
    var note = $("snapped");
    note.hidden = !d.snapped;
    note.textContent = d.snapped ? "Shown: whole weeks " + d.range_from + " to " + d.range_to +
      " (public figures are whole local weeks that have ended)." : "";
    drawCards(s);
    drawResponse(s);
    drawTrend(d.weeks);
    drawEligible(d.weeks);
    drawUnmetByHour(s);
    drawDistricts(s);
    drawTimes(s, "pathway", $("chart-time-pathway"));
    drawTimes(s, "district", $("chart-time-district"));
    drawShares($("chart-outcomes"), s.cross.pathway_by_outcome, "pathway", null, "bar", "outcomes");
    drawShares($("chart-backup"), s.cross.pathway_by_backup, "pathway", "requested", "bar", "backup");
  }

  function load(query) {
    $("status").textContent = "Loading…";
    document.body.removeAttribute("data-ready");
    return Promise.all([
      fetch("/v1/public/metrics" + (query || "")).then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.detail || body.title || "HTTP " + r.status);
          return body;
        });
      }),
      state.districts ? Promise.resolve(state.districts)
        : fetch("/v1/public/districts").then(function (r) { return r.json(); })
    ]).then(function (both) {
      state.data = both[0];
      state.districts = both[1];
      render();
      $("status").textContent = "Generated " + new Date(state.data.generated_at).toLocaleString();
      document.body.setAttribute("data-ready", "true");
    }).catch(function (err) {
      $("status").textContent = "Could not load the figures: " + err.message;
      document.body.setAttribute("data-ready", "error");
    });
  }

  $("range").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = [];
    if ($("from").value) q.push("from=" + encodeURIComponent($("from").value));
    if ($("to").value) q.push("to=" + encodeURIComponent($("to").value));
    load(q.length ? "?" + q.join("&") : "");
  });
  load(window.location.search.indexOf("from=") >= 0 ? window.location.search : "");
})();
