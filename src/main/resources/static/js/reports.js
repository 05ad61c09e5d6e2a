// The Reports page: each report's figures from /console/reports/{name}.json, drawn with ECharts and listed in a table.
(function () {
  'use strict';

  function unique(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; });
  }

  function col(table, key) {
    return table.columns.map(function (c) { return c.key; }).indexOf(key);
  }

  function label(table, key) {
    return table.columns[col(table, key)].label;
  }

  // Rows of (x, series, value) as one bar series per distinct series value, stacked or side by side.
  function pivot(table, xKey, seriesKey, valueKey, stack) {
    var x = col(table, xKey), s = col(table, seriesKey), v = col(table, valueKey);
    var xs = unique(table.rows.map(function (r) { return r[x]; }));
    var names = unique(table.rows.map(function (r) { return r[s]; }));
    return {
      legend: { data: names }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: xs }, yAxis: { type: 'value', minInterval: 1 },
      series: names.map(function (name) {
        return { name: name, type: 'bar', stack: stack ? 'all' : undefined, data: xs.map(function (xv) {
          var row = table.rows.filter(function (r) { return r[x] === xv && r[s] === name; })[0];
          return row ? Number(row[v]) : 0;
        }) };
      })
    };
  }

  // Several value columns of each row as side-by-side bars.
  function bars(table, xKey, valueKeys, horizontal) {
    var x = col(table, xKey);
    var xs = table.rows.map(function (r) { return String(r[x]); });
    var category = { type: 'category', data: xs }, value = { type: 'value', minInterval: 1 };
    return {
      legend: { data: valueKeys.map(function (k) { return label(table, k); }) }, tooltip: { trigger: 'axis' },
      grid: { left: horizontal ? 120 : 50 },
      xAxis: horizontal ? value : category, yAxis: horizontal ? category : value,
      series: valueKeys.map(function (k) {
        var i = col(table, k);
        return { name: label(table, k), type: 'bar', data: table.rows.map(function (r) { return Number(r[i]); }) };
      })
    };
  }

  function pie(table, nameKeys, valueKey) {
    var v = col(table, valueKey);
    return {
      tooltip: { trigger: 'item' }, legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', radius: '60%', data: table.rows.map(function (r) {
        return { name: nameKeys.map(function (k) { return r[col(table, k)]; }).join(' · '), value: Number(r[v]) };
      }) }]
    };
  }

  var CHARTS = {
    'contacts': function (t) { return pivot(t, 'day', 'channel', 'contacts', true); },
    'complaint-sla': function (t) { return bars(t, 'week', ['cases', 'firstResponseMet', 'firstResponseLate', 'resolutionMet', 'resolutionLate']); },
    'satisfaction': function (t) { return bars(t, 'rating', ['responses']); },
    'satisfaction-results': function (t) {
      // The chart compares the channels (the first dimension); the figures table below it has them all.
      var first = t.rows.length ? t.rows[0][0] : null;
      var byChannel = { columns: t.columns, rows: t.rows.filter(function (r) { return r[0] === first; }) };
      return bars(byChannel, 'value', ['averageScore']);
    },
    'complaint-causes': function (t) { return pie(t, ['causeGroup', 'category'], 'cases'); },
    'complaint-trend': function (t) { return pivot(t, 'week', 'causeGroup', 'cases', true); },
    'complaint-analysis': function (t) {
      // The chart shows the first dimension (severity); the figures table below it has them all.
      var first = t.rows.length ? t.rows[0][0] : null;
      var bySeverity = { columns: t.columns, rows: t.rows.filter(function (r) { return r[0] === first; }) };
      return bars(bySeverity, 'value', ['cases']);
    },
    'customer-classes': function (t) { return pie(t, ['customerClass'], 'customers'); },
    'top-customers': function (t) {
      var top = { columns: t.columns, rows: t.rows.slice(0, 20).reverse() };
      return bars(top, 'customer', ['volume'], true);
    },
    'regions': function (t) {
      var top = { columns: t.columns, rows: t.rows.slice(0, 20).reverse() };
      return bars(top, 'province', ['customers', 'contacts'], true);
    }
  };

  function figures(section, table) {
    var out = section.querySelector('table.figures');
    out.textContent = '';
    var head = out.insertRow();
    table.columns.forEach(function (c) {
      var th = document.createElement('th');
      th.textContent = c.label;
      head.appendChild(th);
    });
    table.rows.forEach(function (r) {
      var tr = out.insertRow();
      r.forEach(function (v) { tr.insertCell().textContent = v === null ? '' : String(v); });
    });
  }

  function draw(section, from, to) {
    var name = section.getAttribute('data-report');
    var chart = section.querySelector('.chart');
    fetch('/console/reports/' + encodeURIComponent(name) + '.json?from=' + from + '&to=' + to,
        { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then(function (table) {
        figures(section, table);
        var option = CHARTS[name](table);
        option.animation = false;
        echarts.init(chart, null, { renderer: 'canvas' }).setOption(option);
        chart.setAttribute('data-rows', String(table.rows.length));
        chart.setAttribute('data-rendered', 'true');
      })
      .catch(function (e) {
        chart.textContent = e.message;
        chart.setAttribute('data-error', e.message);
      });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var page = document.getElementById('reports-page');
    if (!page) { return; }
    var from = page.getAttribute('data-from'), to = page.getAttribute('data-to');
    document.querySelectorAll('section.report').forEach(function (s) { draw(s, from, to); });
  });
}());
