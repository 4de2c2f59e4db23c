// adhere report: draws the page from the JSON in #adhere-data. No request leaves the file.
(function () {
  "use strict";

  // Errors are written into the page as well as the console, so a headless check can read them.
  var errors = [];
  function noteError(message) {
    errors.push(String(message));
    var box = document.getElementById("report-errors");
    box.hidden = false;
    box.textContent = errors.join("\n");
  }
  window.addEventListener("error", function (event) { noteError(event.message); });

  // The run data is gzip-compressed JSON in base64 (a report of several 541-prompt runs stays a few
  // MB); the browser's own DecompressionStream opens it, so no library and no request is needed.
  function loadData() {
    var node = document.getElementById("adhere-data");
    var raw = atob(node.textContent.trim());
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    if (typeof DecompressionStream === "undefined") {
      return Promise.reject(new Error("this browser cannot decompress the report's data (DecompressionStream is missing); open it in a current Chrome, Firefox or Safari"));
    }
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(stream).text().then(JSON.parse);
  }
  loadData().then(render).catch(function (error) { noteError(error && error.stack ? error.stack : error); });

  function render(DATA) {
  var RUNS = DATA.runs;
  var METRICS = ["prompt_strict", "prompt_loose", "instruction_strict", "instruction_loose"];
  var PLOT_CONFIG = { displaylogo: false, responsive: true, modeBarButtonsToRemove: ["sendDataToCloud"] };
  var COLORS = ["#3366cc", "#dc6b1f", "#2e9e5b", "#9c4fb8", "#c2a000", "#d0417e", "#3aa6b9", "#7f7f7f"];

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === "text") node.textContent = attrs[key];
      else if (key === "class") node.className = attrs[key];
      else node.setAttribute(key, attrs[key]);
    });
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }
  function pct(x) { return (100 * x).toFixed(1) + "%"; }
  function points(x) { return (x >= 0 ? "+" : "") + (100 * x).toFixed(1); }
  function label(name) { return name.replace(/_/g, " "); }
  function color(i) { return COLORS[i % COLORS.length]; }
  function plot(id, traces, layout) {
    var base = { margin: { t: 24, r: 20, b: 50, l: 60 }, hovermode: "closest", font: { size: 12 },
                 legend: { orientation: "h", y: -0.2 } };
    Plotly.newPlot(id, traces, Object.assign(base, layout), PLOT_CONFIG);
  }

  // Header.
  document.getElementById("title").textContent = RUNS.length === 1
    ? "adhere report: " + RUNS[0].label
    : "adhere report: " + RUNS.map(function (r) { return r.label; }).join(" vs ");
  document.getElementById("subtitle").textContent = RUNS.map(function (r) {
    return r.label + ": " + r.model + " · " + r.strategy + " · " + r.benchmark + " · " + r.n + " samples" +
      (r.errors ? " · " + r.errors + " errors" : "") + (r.complete ? "" : " · INCOMPLETE");
  }).join("  |  ");

  // The leaderboard: runs × metrics with intervals and cost, sortable by any column.
  function sortableTable(columns, rows) {
    var table = el("table", { class: "data" });
    var head = el("tr", {}, columns.map(function (c) { return el("th", { text: c.title }); }));
    var body = el("tbody");
    table.appendChild(el("thead", {}, [head]));
    table.appendChild(body);
    var state = { index: -1, dir: 1 };
    function draw() {
      var ordered = rows.slice();
      if (state.index >= 0) {
        var key = columns[state.index].sort;
        ordered.sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * state.dir; });
      }
      body.textContent = "";
      ordered.forEach(function (row) {
        body.appendChild(el("tr", {}, columns.map(function (c) { return c.cell(row); })));
      });
      Array.prototype.forEach.call(head.children, function (th, i) {
        th.className = i === state.index ? (state.dir > 0 ? "sorted-asc" : "sorted-desc") : "";
      });
    }
    Array.prototype.forEach.call(head.children, function (th, i) {
      th.addEventListener("click", function () {
        state.dir = state.index === i ? -state.dir : (columns[i].numeric ? -1 : 1);
        state.index = i;
        draw();
      });
    });
    draw();
    return table;
  }
  function textColumn(title, get) {
    return { title: title, sort: get, cell: function (r) { return el("td", { text: String(get(r)) }); } };
  }
  function numberColumn(title, get, format) {
    return { title: title, numeric: true, sort: get,
             cell: function (r) { return el("td", { class: "num", text: format(get(r)) }); } };
  }
  function metricColumn(name) {
    return { title: label(name), numeric: true, sort: function (r) { return r.metrics[name][0]; },
             cell: function (r) {
               var m = r.metrics[name];
               return el("td", { class: "num" }, [pct(m[0]) + " ", el("span", { class: "ci", text: "[" + pct(m[1]) + ", " + pct(m[2]) + "]" })]);
             } };
  }
  var boardColumns = [textColumn("run", function (r) { return r.label; }), textColumn("model", function (r) { return r.model; }),
    textColumn("strategy", function (r) { return r.strategy; }), textColumn("benchmark", function (r) { return r.benchmark; }),
    numberColumn("n", function (r) { return r.n; }, String)]
    .concat(METRICS.map(metricColumn))
    .concat([numberColumn("calls / sample", function (r) { return r.calls_per_sample; }, function (x) { return x.toFixed(2); }),
             numberColumn("tokens / sample", function (r) { return r.tokens_per_sample; }, function (x) { return x.toFixed(0); })]);
  document.getElementById("leaderboard").appendChild(sortableTable(boardColumns, RUNS));

  // Quality against cost: one point per run, with its interval.
  if (RUNS.length > 1) {
    document.getElementById("quality-cost").hidden = false;
    plot("chart-quality-cost", RUNS.map(function (r, i) {
      var m = r.metrics.prompt_strict;
      return { type: "scatter", mode: "markers+text", name: r.label, x: [r.tokens_per_sample], y: [m[0]],
               text: [r.label], textposition: "top center", marker: { size: 12, color: color(i) },
               error_y: { type: "data", symmetric: false, array: [m[2] - m[0]], arrayminus: [m[0] - m[1]] },
               customdata: [[m[1], m[2], r.strategy, r.calls_per_sample]],
               hovertemplate: "%{text} (%{customdata[2]})<br>prompt strict %{y:.1%} [%{customdata[0]:.1%}, %{customdata[1]:.1%}]" +
                 "<br>%{x:.0f} tokens per sample, %{customdata[3]:.2f} calls<extra></extra>" };
    }), { xaxis: { title: { text: "tokens per sample (input + output)" }, rangemode: "tozero" },
          yaxis: { title: { text: "prompt-level strict" }, tickformat: ".0%", rangemode: "tozero" } });
  }

  // Accuracy by constraint type, weakest first (the first run's order).
  (function () {
    var order = RUNS[0].by_type.map(function (t) { return t.id; });
    RUNS.slice(1).forEach(function (r) { r.by_type.forEach(function (t) { if (order.indexOf(t.id) < 0) order.push(t.id); }); });
    var traces = RUNS.map(function (r, i) {
      var byId = {};
      r.by_type.forEach(function (t) { byId[t.id] = t; });
      var rows = order.map(function (id) { return byId[id] || null; });
      return { type: "bar", orientation: "h", name: r.label, y: order, marker: { color: color(i) },
               x: rows.map(function (t) { return t ? t.strict : null; }),
               error_x: { type: "data", symmetric: false,
                          array: rows.map(function (t) { return t ? t.high - t.strict : 0; }),
                          arrayminus: rows.map(function (t) { return t ? t.strict - t.low : 0; }) },
               customdata: rows.map(function (t) { return t ? [t.n, t.low, t.high, t.loose] : [0, 0, 0, 0]; }),
               hovertemplate: "%{y}<br>strict %{x:.1%} [%{customdata[1]:.1%}, %{customdata[2]:.1%}]" +
                 "<br>loose %{customdata[3]:.1%} · n=%{customdata[0]}<extra>" + r.label + "</extra>" };
    });
    var height = Math.max(320, 60 + order.length * (14 + 10 * RUNS.length));
    plot("chart-types", traces, { barmode: "group", height: height, margin: { t: 10, r: 20, b: 40, l: 20 },
      xaxis: { tickformat: ".0%", range: [0, 1.05] }, yaxis: { automargin: true, autorange: "reversed" } });
  })();

  // Per-turn curves for conversation runs.
  if (RUNS.some(function (r) { return r.per_turn.length > 0; })) {
    document.getElementById("turns").hidden = false;
    plot("chart-turns", RUNS.filter(function (r) { return r.per_turn.length; }).map(function (r, i) {
      return { type: "scatter", mode: "lines+markers", name: r.label, marker: { color: color(i) },
               x: r.per_turn.map(function (t) { return t.turn; }), y: r.per_turn.map(function (t) { return t.prompt_strict; }),
               customdata: r.per_turn.map(function (t) { return [t.n, t.instruction_strict]; }),
               hovertemplate: "turn %{x}: prompt strict %{y:.1%}, instruction strict %{customdata[1]:.1%} (n=%{customdata[0]})<extra>" + r.label + "</extra>" };
    }), { xaxis: { title: { text: "turn" }, dtick: 1 }, yaxis: { title: { text: "prompt-level strict" }, tickformat: ".0%", range: [0, 1.05] } });
  }

  // Paraphrase runs: the same prompts in K wordings, each wording's accuracy and reliable@K.
  if (RUNS.some(function (r) { return r.paraphrases; })) {
    document.getElementById("paraphrases").hidden = false;
    var body = document.getElementById("paraphrase-body");
    RUNS.filter(function (r) { return r.paraphrases; }).forEach(function (r) {
      var p = r.paraphrases;
      body.appendChild(el("p", { class: "hint", text: r.label + ": reliable@" + p.k + " " + pct(p["reliable_at_" + p.k]) +
        " of " + p.n + " prompts (all " + p.k + " wordings pass) · spread " + (100 * p.spread).toFixed(1) +
        " points (max − min), sd " + (100 * p.std).toFixed(1) }));
      body.appendChild(sortableTable([numberColumn("phrasing", function (x) { return x.phrasing; }, String),
        numberColumn("n", function (x) { return x.n; }, String), numberColumn("reworded", function (x) { return x.reworded; }, String),
        { title: "prompt strict", numeric: true, sort: function (x) { return x.prompt_strict; },
          cell: function (x) { var ci = x.prompt_strict_ci95;
            return el("td", { class: "num" }, [pct(x.prompt_strict) + " ", el("span", { class: "ci", text: "[" + pct(ci[0]) + ", " + pct(ci[1]) + "]" })]); } },
        numberColumn("instruction strict", function (x) { return x.instruction_strict; }, pct)], p.per_phrasing));
    });
  }

  // Cost: calls per sample by purpose (stacked), and tokens per sample.
  (function () {
    var purposes = [];
    RUNS.forEach(function (r) { Object.keys(r.calls_by_purpose).forEach(function (p) { if (purposes.indexOf(p) < 0) purposes.push(p); }); });
    var labels = RUNS.map(function (r) { return r.label; });
    var traces = purposes.map(function (p, i) {
      return { type: "bar", name: p, x: labels, y: RUNS.map(function (r) { return r.calls_by_purpose[p] || 0; }),
               marker: { color: color(i) }, hovertemplate: "%{x}: %{y:.2f} " + p + " calls per sample<extra></extra>" };
    });
    traces.push({ type: "scatter", mode: "markers", name: "tokens per sample", yaxis: "y2", x: labels,
                  y: RUNS.map(function (r) { return r.tokens_per_sample; }), marker: { symbol: "diamond", size: 12, color: "#222" },
                  customdata: RUNS.map(function (r) { return [r.tokens.input, r.tokens.output, r.cost_multiple_vs_direct]; }),
                  hovertemplate: "%{x}: %{y:.0f} tokens per sample<br>total in %{customdata[0]}, out %{customdata[1]}<extra></extra>" });
    plot("chart-cost", traces, { barmode: "stack", height: 340, margin: { t: 24, r: 70, b: 50, l: 60 },
      yaxis: { title: { text: "calls per sample" }, rangemode: "tozero" },
      yaxis2: { title: { text: "tokens per sample" }, overlaying: "y", side: "right", rangemode: "tozero" } });
  })();

  // Coverage against accuracy for selective runs: what answering less buys.
  if (RUNS.some(function (r) { return r.selective.length > 0; })) {
    document.getElementById("selective").hidden = false;
    plot("chart-selective", RUNS.filter(function (r) { return r.selective.length; }).map(function (r, i) {
      return { type: "scatter", mode: "lines+markers", name: r.label, marker: { color: color(i) },
               x: r.selective.map(function (p) { return p.coverage; }), y: r.selective.map(function (p) { return p.accuracy; }),
               customdata: r.selective.map(function (p) { return p.threshold; }),
               hovertemplate: "coverage %{x:.1%}: accuracy %{y:.1%} (confidence ≥ %{customdata:.2f})<extra>" + r.label + "</extra>" };
    }), { xaxis: { title: { text: "coverage (answered turns)" }, tickformat: ".0%", range: [0, 1.02] },
          yaxis: { title: { text: "prompt-level strict of the answered" }, tickformat: ".0%", range: [0, 1.05] } });
  }

  // The comparison of two runs.
  (function () {
    var c = DATA.comparison;
    var section = document.getElementById("comparison");
    var body = document.getElementById("comparison-body");
    if (!c && !DATA.comparison_refused) return;
    section.hidden = false;
    if (!c) { body.appendChild(el("p", { text: "Not compared: " + DATA.comparison_refused })); return; }
    body.appendChild(el("p", { class: "hint", text: c.b + " (B) against " + c.a + " (A) on " + c.benchmark + ": " + c.paired +
      " paired samples (only in A " + c.only_in_a + ", only in B " + c.only_in_b + ", errors left out " + c.errors_left_out +
      "). Δ = B − A in points, with a paired bootstrap 95% interval; McNemar's exact test at prompt level." }));
    var rows = METRICS.map(function (name) { return Object.assign({ name: name }, c.metrics[name]); });
    body.appendChild(sortableTable([
      textColumn("metric", function (m) { return label(m.name); }),
      numberColumn("A", function (m) { return m.a; }, pct), numberColumn("B", function (m) { return m.b; }, pct),
      { title: "Δ [95% CI]", numeric: true, sort: function (m) { return m.delta; }, cell: function (m) {
          var significant = m.low > 0 || m.high < 0;
          return el("td", { class: "num" + (significant ? (m.delta > 0 ? " pass sig" : " fail sig") : "") },
                    [points(m.delta) + " ", el("span", { class: "ci", text: "[" + points(m.low) + ", " + points(m.high) + "]" })]);
        } },
      numberColumn("McNemar p", function (m) { return m.p_value === null ? 2 : m.p_value; },
                   function (p) { return p === 2 ? "—" : p < 0.001 ? "<0.001" : p.toPrecision(3); })
    ], rows));
    body.appendChild(el("div", { class: "chart", id: "chart-type-deltas" }));
    plot("chart-type-deltas", [{ type: "bar", orientation: "h", y: c.by_type.map(function (t) { return t.id; }),
      x: c.by_type.map(function (t) { return t.delta; }),
      marker: { color: c.by_type.map(function (t) { return t.delta >= 0 ? "#2e9e5b" : "#c62828"; }) },
      customdata: c.by_type.map(function (t) { return [t.a, t.b, t.count]; }),
      hovertemplate: "%{y}<br>A %{customdata[0]:.1%} → B %{customdata[1]:.1%} (Δ %{x:+.1%}, n=%{customdata[2]})<extra></extra>" }],
      { height: Math.max(260, 80 + 22 * c.by_type.length), margin: { t: 10, r: 20, b: 50, l: 20 },
        xaxis: { tickformat: "+.0%", title: { text: "Δ instruction-level strict (B − A)" } }, yaxis: { automargin: true } });
    [["pass → fail", c.pass_to_fail], ["fail → pass", c.fail_to_pass]].forEach(function (pair) {
      var links = pair[1].map(function (id) {
        var a = el("a", { href: "#sample=" + encodeURIComponent(id), text: id });
        return a;
      });
      body.appendChild(el("p", { class: "flips" }, [el("strong", { text: pair[0] + " (" + pair[1].length + "): " })].concat(links.length ? links : ["none"])));
    });
  })();

  // The drill-down table of samples.
  var runSelect = document.getElementById("filter-run");
  var typeSelect = document.getElementById("filter-type");
  var resultSelect = document.getElementById("filter-result");
  var textInput = document.getElementById("filter-text");
  var tbody = document.querySelector("#sample-table tbody");
  var SHOWN = 300;  // rows drawn at once; the filters narrow the rest
  RUNS.forEach(function (r, i) { runSelect.appendChild(el("option", { value: String(i), text: r.label })); });
  (function () {
    var types = {};
    RUNS.forEach(function (r) { r.samples.forEach(function (s) { s.types.forEach(function (t) { types[t] = true; }); }); });
    Object.keys(types).sort().forEach(function (t) { typeSelect.appendChild(el("option", { value: t, text: t })); });
  })();

  function verdictMark(ok) {
    if (ok === null || ok === undefined) return el("span", { text: "—" });
    return el("span", { class: ok ? "pass" : "fail", text: ok ? "pass" : "fail" });
  }
  function searchable(s) {
    if (!s._text) s._text = (s.id + " " + s.turns.map(function (t) { return t.user + " " + (t.reply || ""); }).join(" ")).toLowerCase();
    return s._text;
  }
  function verdictList(constraints) {
    return el("ul", { class: "verdicts" }, constraints.map(function (v) {
      var kwargs = Object.keys(v.kwargs).length ? " " + JSON.stringify(v.kwargs) : "";
      return el("li", {}, [verdictMark(v.strict), " ", el("code", { text: v.id }), kwargs,
        v.loose !== undefined && v.loose !== v.strict ? el("span", { class: "ci", text: " (loose: " + (v.loose ? "pass" : "fail") + ")" }) : null,
        v.reason ? el("span", { class: "ci", text: " — " + v.reason }) : null]);
    }));
  }
  function callsBlock(turn) {
    if (!turn.calls || !turn.calls.length) return null;
    var box = el("details", { class: "calls" }, [el("summary", { text: turn.calls.length + " model call(s), " +
      (turn.candidates.length ? turn.candidates.length + " candidate(s)" : "no candidates") })]);
    turn.calls.forEach(function (call, i) {
      box.appendChild(el("div", { class: "call" }, [
        el("div", { class: "role", text: "#" + (i + 1) + " " + call.purpose + " · " + call.in + " in / " + call.out + " out" +
          (call.cached ? " · cached" : "") + (call.finish ? " · " + call.finish : "") }),
        call.asked ? el("div", { class: "text", text: call.asked }) : null,
        el("div", { class: "text", text: call.text })]));
    });
    turn.candidates.forEach(function (cand, i) {
      box.appendChild(el("div", { class: "call" }, [
        el("div", { class: "role", text: "candidate " + (i + 1) + ": passed " + cand.passed + " of " + cand.known + " known checks" +
          (cand.call !== null ? " (the text of call #" + (cand.call + 1) + ")" : "") }),
        cand.failures.length ? el("div", { class: "ci", text: cand.failures.join("; ") }) : null,
        cand.call === null ? el("div", { class: "text", text: cand.text }) : null]));
    });
    var details = Object.keys(turn.details || {});
    if (details.length) box.appendChild(el("div", { class: "ci", text: details.map(function (k) { return k + ": " + turn.details[k]; }).join(" · ") }));
    return box;
  }
  function detailOf(s) {
    var parts = [];
    if (s.error) parts.push(el("p", { class: "fail", text: "error: " + s.error }));
    if (s.system) parts.push(el("div", { class: "turn fixed" }, [el("div", { class: "role", text: "system" }), el("div", { class: "text", text: s.system })]));
    s.turns.forEach(function (t, i) {
      parts.push(el("div", { class: "turn" + (t.fixed ? " fixed" : "") }, [
        el("div", { class: "role", text: "turn " + (i + 1) + " · user" }), el("div", { class: "text", text: t.user }),
        el("div", { class: "role", text: t.fixed ? "assistant (fixed history)" : "reply" }),
        el("div", { class: "text", text: t.reply === null ? "(no reply)" : t.reply }),
        t.repaired !== undefined ? el("div", { class: "role", text: "repaired (scored apart)" }) : null,
        t.repaired !== undefined ? el("div", { class: "text", text: t.repaired }) : null,
        t.constraints.length ? verdictList(t.constraints) : null,
        callsBlock(t)]));
    });
    if (s.conversation.length) parts.push(el("div", { class: "turn" }, [el("div", { class: "role", text: "conversation constraints" }), verdictList(s.conversation)]));
    return el("div", { class: "detail" }, parts);
  }
  function sampleRow(s) {
    var last = s.turns[s.turns.length - 1];
    var row = el("tr", { class: "row", "data-sample": s.id }, [
      el("td", { text: s.id }), el("td", {}, [s.error ? el("span", { class: "fail", text: "error" }) : verdictMark(s.strict)]),
      el("td", {}, [verdictMark(s.loose)]), el("td", { text: s.types.join(", ") }),
      el("td", { class: "num", text: String(s.calls) }), el("td", { class: "num", text: String(s.tokens) }),
      el("td", { class: "prompt", text: last.user })]);
    row.addEventListener("click", function () { toggle(row, s); });
    return row;
  }
  function toggle(row, s) {
    var next = row.nextSibling;
    if (next && next.classList.contains("open")) { next.remove(); return; }
    var cell = el("td", { colspan: "7" }, [detailOf(s)]);
    row.parentNode.insertBefore(el("tr", { class: "open" }, [cell]), row.nextSibling);
  }
  function filtered() {
    var run = RUNS[Number(runSelect.value || 0)];
    var type = typeSelect.value, result = resultSelect.value, text = textInput.value.trim().toLowerCase();
    return run.samples.filter(function (s) {
      if (type && s.types.indexOf(type) < 0) return false;
      if (result === "error" && !s.error) return false;
      if (result === "pass" && s.strict !== true) return false;
      if (result === "fail" && s.strict !== false) return false;
      return !text || searchable(s).indexOf(text) >= 0;
    });
  }
  function drawSamples() {
    var matches = filtered();
    tbody.textContent = "";
    matches.slice(0, SHOWN).forEach(function (s) { tbody.appendChild(sampleRow(s)); });
    document.getElementById("filter-count").textContent = matches.length > SHOWN
      ? "showing " + SHOWN + " of " + matches.length + " matching samples (narrow the filters to see the rest)"
      : matches.length + " matching samples";
  }
  [runSelect, typeSelect, resultSelect].forEach(function (node) { node.addEventListener("change", drawSamples); });
  textInput.addEventListener("input", drawSamples);
  drawSamples();

  // #sample=ID opens that sample (the flipped-sample links, and a way to share a row).
  function openFromHash(event) {
    var match = /^#sample=(.+)$/.exec(window.location.hash);
    if (!match) return;
    var id = decodeURIComponent(match[1]);
    // The run shown stays selected: a flipped sample is in both runs, and this one is being read.
    typeSelect.value = ""; resultSelect.value = ""; textInput.value = "";
    drawSamples();
    var run = RUNS[Number(runSelect.value)];
    var sample = run.samples.filter(function (s) { return s.id === id; })[0];
    var row = tbody.querySelector('tr[data-sample="' + CSS.escape(id) + '"]');
    if (!sample) return;
    if (!row) { textInput.value = id; drawSamples(); row = tbody.querySelector('tr[data-sample="' + CSS.escape(id) + '"]'); }
    if (row && !(row.nextSibling && row.nextSibling.classList.contains("open"))) toggle(row, sample);
    // A followed link scrolls to its row; a page opened on a link stays at the top, where the summary is.
    if (row && event) row.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", openFromHash);
  openFromHash();
  document.body.setAttribute("data-rendered", errors.length ? "with-errors" : "yes");
  }
})();
