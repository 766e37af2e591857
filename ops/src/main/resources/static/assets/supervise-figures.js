// Supervisor figures page (issue 10): draws charts from the tables rendered by the server (the tables stay the
// accessible source), with ECharts from its WebJar: the three rates per row, overdue cases per row, the grade
// distribution per row (stacked bars from the grade cells), and the three rates month by month (one line chart per
// rate, a line per row; at most 8 rows drawn, the table holds them all).
(function () {
  'use strict';
  if (typeof echarts === 'undefined') {
    return;
  }
  function chart(root, id, option) {
    var box = document.createElement('div');
    box.id = id;
    box.className = 'chart';
    root.appendChild(box);
    echarts.init(box).setOption(option);
  }
  function percent(v) {
    return v === undefined || v === '' ? null : Math.round(parseFloat(v) * 1000) / 10;
  }
  function number(text) {
    var v = parseFloat(text);
    return isNaN(v) ? 0 : v;
  }
  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  var root = document.getElementById('sup-charts');
  var rows = all('#figures-table tr.figure-row');
  if (root && rows.length > 0) {
    var t = root.dataset;
    var names = rows.map(function (r) { return r.dataset.name; });
    var axis = {type: 'category', data: names, axisLabel: {interval: 0, rotate: names.length > 4 ? 30 : 0}};
    var series = function (key, asPercent) {
      return rows.map(function (r) {
        var v = r.dataset[key];
        if (asPercent) {
          return percent(v);
        }
        return v === undefined || v === '' ? null : parseFloat(v);
      });
    };
    chart(root, 'chart-rates', {
      animation: false, tooltip: {}, legend: {}, xAxis: axis, yAxis: {type: 'value', max: 100},
      series: [
        {name: t.completionRate, type: 'bar', data: series('completionRate', true)},
        {name: t.onTimeRate, type: 'bar', data: series('onTimeRate', true)},
        {name: t.satisfactionRate, type: 'bar', data: series('satisfactionRate', true)}
      ]
    });
    chart(root, 'chart-overdue', {
      animation: false, tooltip: {}, legend: {}, xAxis: axis, yAxis: {type: 'value', minInterval: 1},
      series: [{name: t.overdue, type: 'bar', data: series('overdue', false)}]
    });
    var grades = all('#figures-table th.grade-head').map(function (th) { return th.textContent.trim(); });
    if (grades.length > 0) {
      chart(root, 'chart-grades', {
        animation: false, tooltip: {}, legend: {}, xAxis: axis, yAxis: {type: 'value', minInterval: 1},
        series: grades.map(function (grade, i) {
          return {name: grade, type: 'bar', stack: 'grades', data: rows.map(function (r) {
            return number(r.querySelectorAll('td.grade-cell')[i].textContent);
          })};
        })
      });
    }
  }

  var trendRoot = document.getElementById('sup-trend-charts');
  if (!trendRoot) {
    return;
  }
  var periods = all('#trend-table th.trend-period').map(function (th) { return th.textContent.trim(); });
  ['completionRate', 'onTimeRate', 'satisfactionRate'].forEach(function (rate) {
    var lines = all('#trend-table tr.trend-row[data-rate="' + rate + '"]').slice(0, 8);
    if (lines.length === 0) {
      return;
    }
    chart(trendRoot, 'chart-trend-' + rate, {
      animation: false, tooltip: {trigger: 'axis'}, legend: {},
      title: {text: lines[0].dataset.label, textStyle: {fontSize: 14}},
      xAxis: {type: 'category', data: periods}, yAxis: {type: 'value', max: 100},
      series: lines.map(function (tr) {
        return {name: tr.dataset.name, type: 'line', connectNulls: false,
          data: Array.prototype.slice.call(tr.querySelectorAll('td')).slice(1).map(function (td) {
            return percent(td.dataset.value);
          })};
      })
    });
  });
}());
