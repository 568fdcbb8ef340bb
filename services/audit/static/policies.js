// RightResponse policy versions: lists the archived triage policies, newest first, each
// with its differences from the one before. No libraries; text is set with textContent.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function getJson(url) {
    return fetch(url, { headers: { Accept: "application/json" } }).then(function (r) {
      if (!r.ok) throw new Error(url + ": HTTP " + r.status);
      return r.json();
    });
  }

  function diffLines(text) {
    var box = el("div", "diff");
    text.split("\n").forEach(function (line, i, all) {
      if (i === all.length - 1 && line === "") return;
      var cls = "ctx";
      if (line.indexOf("+++") === 0 || line.indexOf("---") === 0) cls = "file";
      else if (line.indexOf("@@") === 0) cls = "hunk";
      else if (line.charAt(0) === "+") cls = "add";
      else if (line.charAt(0) === "-") cls = "del";
      box.appendChild(el("div", cls, line || " "));
    });
    return box;
  }

  function card(version, change, newest) {
    var section = el("section", "version");
    section.id = "v-" + version.policy_hash;
    section.appendChild(el("h2", null, version.policy_id + ", version " + version.policy_version));
    var meta = el("p", "meta");
    meta.appendChild(document.createTextNode("First used " + version.first_used_at.replace("T", " ").slice(0, 19) + " UTC · hash "));
    meta.appendChild(el("code", "hash", version.policy_hash));
    meta.appendChild(document.createTextNode(" · "));
    var full = el("a", null, "full text");
    full.href = "/v1/public/policies/" + version.policy_hash;
    meta.appendChild(full);
    section.appendChild(meta);

    var counts = el("p", "counts");
    if (!change.previous_hash) {
      counts.appendChild(el("span", "note", "The first version archived: nothing to compare with."));
      section.appendChild(counts);
      return section;
    }
    counts.appendChild(document.createTextNode("Changes from "));
    var prev = el("a", null, change.previous_hash.slice(0, 12));
    prev.href = "#v-" + change.previous_hash;
    counts.appendChild(prev);
    counts.appendChild(document.createTextNode(": "));
    counts.appendChild(el("span", "added", "+" + change.lines_added));
    counts.appendChild(document.createTextNode(" "));
    counts.appendChild(el("span", "removed", "−" + change.lines_removed));
    counts.appendChild(document.createTextNode(" lines of policy text"));
    counts.appendChild(document.createTextNode(change.reader_changed
      ? "; the learned reader changed." : "; the learned reader is the same."));
    section.appendChild(counts);
    if (change.diff) {
      var details = el("details");
      details.open = newest;
      details.appendChild(el("summary", null, "Differences"));
      details.appendChild(diffLines(change.diff));
      section.appendChild(details);
    }
    return section;
  }

  function render(list) {
    var main = document.getElementById("versions");
    var status = document.getElementById("status");
    var versions = list.versions.slice().reverse();
    if (!versions.length) {
      status.textContent = "No policy version has decided a call yet.";
      return Promise.resolve();
    }
    return Promise.all(versions.map(function (v) {
      return getJson("/v1/public/policies/" + v.policy_hash + "/diff");
    })).then(function (changes) {
      versions.forEach(function (v, i) { main.appendChild(card(v, changes[i], i === 0)); });
      status.textContent = versions.length + (versions.length === 1 ? " version" : " versions") +
        ", newest first.";
    });
  }

  getJson("/v1/public/policies").then(render).catch(function (err) {
    document.getElementById("status").textContent = "Could not load the policy versions (" + err.message + ").";
  }).then(function () { document.body.setAttribute("data-ready", "true"); });
})();
