// Draws the UI's ECharts charts from data the server put in the page — no inline script, so a strict
// Content-Security-Policy (script-src 'self') keeps working. The data is in the page because the pages
// sign in by cookie while /api/v1 takes bearer tokens only.
//   <div data-series='{...}'>                       : one line chart per metric of a device, the JSON of
//                                                     GET /api/v1/devices/{id}/series
//   <div data-chart='{"type":"stack"|"rank",...}'> : a bar chart
// Each drawn element gets data-chart-ready="true"; times are shown in China Standard Time.
(function () {
  "use strict";

  var CHINA = 8 * 3600 * 1000;
  var RED = "#c62828", GREEN = "#2e7d32", GREY = "#9e9e9e", BLUE = "#1565c0";
  var PALETTE = ["#1565c0", "#e67700", "#2e7d32", "#c62828", "#6a1b9a", "#00838f", "#b7950b", "#5d4037", "#ad1457", "#455a64"];

  function pad(n) { return n < 10 ? "0" + n : "" + n; }

  // 2026-11-22 14:30 (China time), whatever the browser's time zone.
  function china(ms, withDate) {
    var d = new Date(ms + CHINA);
    var time = pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes());
    return withDate === false ? time : d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + " " + time;
  }

  // Ticks fall where the browser's time zone puts them; the label always says which China-time day and hour.
  function axisLabel(ms) {
    var d = new Date(ms + CHINA);
    return pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate()) + "\n" + china(ms, false);
  }

  function say(el, text) {
    var p = document.createElement("p");
    p.className = "muted";
    p.textContent = text;
    el.replaceChildren(p);
  }

  function draw(el, option) {
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    window.addEventListener("resize", function () { chart.resize(); });
    el.setAttribute("data-chart-ready", "true");
    return chart;
  }

  // ---- Device readings -------------------------------------------------------------------------

  function metricOption(m, from, to) {
    var usable = [], unusable = [];
    m.points.forEach(function (p) {
      var target = p[4] === 1 ? usable : unusable;
      target.push([p[0], p[1]]);
      if (p[2] !== p[1]) target.push([p[0], p[2]]); // the bucket's max after its min: the spike survives
    });

    var unit = m.unit ? "（" + m.unit + "）" : "";
    // Several rules often share a limit (low, high and trend rules of one standard): draw each once.
    var lines = [], areas = [], seen = {}, lo = Infinity, hi = -Infinity;
    m.limits.forEach(function (l) {
      [["min", "下限"], ["max", "上限"]].forEach(function (side) {
        var v = l[side[0]];
        if (v === null || v === undefined || seen[side[0] + v]) return;
        seen[side[0] + v] = true;
        lo = Math.min(lo, v); hi = Math.max(hi, v);
        lines.push({ yAxis: v, name: l.ruleName, label: { formatter: side[1] + " " + v, position: "insideEndTop" } });
      });
      if (l.min !== null && l.max !== null && !seen["band" + l.min + "-" + l.max]) {
        seen["band" + l.min + "-" + l.max] = true;
        areas.push([{ yAxis: l.min, itemStyle: { color: "rgba(46,125,50,0.07)" } }, { yAxis: l.max }]);
      }
    });
    m.episodes.forEach(function (e) {
      var start = Math.max(Date.parse(e.start), from), end = Math.min(Date.parse(e.end), to);
      if (end <= start) return;
      areas.push([{ xAxis: start, name: e.ruleName + (e.continuing ? "（持续中）" : ""), itemStyle: { color: "rgba(198,40,40,0.13)" },
        label: { color: RED, fontSize: 11, position: "insideTop" } }, { xAxis: end }]);
    });

    return {
      animation: false,
      color: [BLUE, GREY],
      title: { text: m.name + unit, left: 0, textStyle: { fontSize: 14, fontWeight: "normal" } },
      legend: { top: 0, right: 0, data: ["读数", "不可作证据的读数"] },
      grid: { left: 50, right: 70, top: 40, bottom: 70 },
      tooltip: {
        trigger: "axis",
        formatter: function (items) {
          return china(items[0].value[0]) + items.map(function (i) { return "<br>" + i.marker + i.seriesName + " " + i.value[1]; }).join("");
        },
      },
      xAxis: { type: "time", min: from, max: to, axisLabel: { formatter: axisLabel, hideOverlap: true } },
      yAxis: {
        type: "value", scale: true,
        // Keep the limits in view even when every reading is far from them.
        min: function (v) { return lo < Infinity ? Math.min(v.min, lo) : v.min; },
        max: function (v) { return hi > -Infinity ? Math.max(v.max, hi) : v.max; },
      },
      dataZoom: [{ type: "inside" }, { type: "slider", height: 18, bottom: 8, labelFormatter: function (v) { return china(v); } }],
      series: [
        {
          name: "读数", type: "line", data: usable, showSymbol: usable.length < 300, symbolSize: 3, lineStyle: { width: 1.2 },
          markLine: { silent: true, symbol: "none", lineStyle: { color: RED, type: "dashed" }, data: lines },
          markArea: { silent: true, data: areas },
        },
        { name: "不可作证据的读数", type: "scatter", data: unusable, symbolSize: 4, itemStyle: { color: GREY } },
      ],
    };
  }

  function drawSeries(el) {
    var data = JSON.parse(el.getAttribute("data-series"));
    var from = Date.parse(data.from), to = Date.parse(data.to);
    el.replaceChildren();
    data.metrics.forEach(function (m) {
      var box = document.createElement("div");
      box.className = "chart";
      box.setAttribute("data-metric", m.metric);
      box.setAttribute("role", "img");
      box.setAttribute("aria-label", m.name + " 读数曲线，共 " + m.readings + " 条读数");
      el.appendChild(box);
      if (m.points.length === 0) {
        say(box, m.name + "：该时段没有读数。");
        box.classList.add("chart-empty");
        return;
      }
      draw(box, metricOption(m, from, to));
    });
    if (data.metrics.length === 0) say(el, "该设备没有登记监测参数。");
    el.setAttribute("data-chart-ready", "true");
  }

  // ---- Charts with their data in the page ------------------------------------------------------

  // {type:"stack", x:[labels], series:[{name, data:[n]}], unit, colors?, stacked?}: stacked bars over time
  // (side by side when stacked is false, e.g. due against done).
  function stackOption(spec) {
    return {
      animation: false, color: spec.colors || PALETTE,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 30 },
      xAxis: { type: "category", data: spec.x },
      yAxis: { type: "value", minInterval: 1, name: spec.unit || "" },
      series: spec.series.map(function (s) { return { name: s.name, type: "bar", stack: spec.stacked === false ? null : "all", data: s.data, barMaxWidth: 36 }; }),
    };
  }

  // {type:"rank", labels:[...], values:[n], unit}: horizontal bars, largest on top.
  function rankOption(spec) {
    return {
      animation: false, color: [spec.color || BLUE],
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: 10, right: 40, top: 10, bottom: 20, containLabel: true },
      xAxis: { type: "value", minInterval: 1, name: spec.unit || "" },
      yAxis: { type: "category", data: spec.labels.slice().reverse(), axisLabel: { width: 220, overflow: "truncate" } },
      series: [{ type: "bar", data: spec.values.slice().reverse(), barMaxWidth: 18, label: { show: true, position: "right" } }],
    };
  }

  function drawSpec(el) {
    var spec = JSON.parse(el.getAttribute("data-chart"));
    var empty = spec.type === "rank" ? spec.values.length === 0 : spec.series.length === 0;
    if (empty) {
      say(el, spec.empty || "该时段没有数据。");
      el.classList.add("chart-empty");
      el.setAttribute("data-chart-ready", "true");
      return;
    }
    draw(el, spec.type === "rank" ? rankOption(spec) : stackOption(spec));
  }

  function start() {
    if (typeof echarts === "undefined") {
      document.querySelectorAll("[data-series],[data-chart]").forEach(function (el) { say(el, "图表组件未能加载。"); });
      return;
    }
    document.querySelectorAll("[data-series]").forEach(drawSeries);
    document.querySelectorAll("[data-chart]").forEach(drawSpec);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
