// The what-if panel of the index page: recomputes part scores, composites, tiers and ranks from the
// normalised values embedded in the page, under the weights typed in, with the score job's formula
// (cn.changai.indicators.score.Scorer): a part score is the weighted mean of the unit's values in
// the part, the composite the weighted mean of its part scores, both over what the unit has; the
// composite is rounded to 6 decimals (half up) and ranked 1, 2, 2, 4. No network, no library.
(function () {
  'use strict';
  var source = document.getElementById('whatif-data');
  var panel = document.getElementById('whatif');
  if (!source || !panel) { return; }
  var data = JSON.parse(source.textContent);
  // The data holds each unit once (data.units); a scope names its members by index, with their rank
  // in it. Joined back here into the members the rest of the script reads: id, name, href, values,
  // and the published rank and composite where the unit is ranked in the scope.
  data.scopes.forEach(function (scope) {
    scope.units = scope.units.map(function (index, k) {
      var u = data.units[index];
      var member = { id: u.id, name: u.name, values: u.values };
      if (u.href !== undefined) { member.href = u.href; }
      if (scope.ranks[k] !== null) {
        member.rank = scope.ranks[k];
        member.composite = u.composite;
      }
      return member;
    });
  });
  var PARTS = ['A', 'B', 'C', 'D'];
  var select = document.getElementById('whatif-scope');
  var body = document.querySelector('#whatif-table tbody');
  var status = document.getElementById('whatif-status');
  var partInputs = panel.querySelectorAll('input[data-part]');
  var indicatorInputs = panel.querySelectorAll('input[data-indicator]');

  function weightOf(input) {
    var w = parseFloat(input.value);
    // Weights are 0 or more, as in a weights file; anything else counts as 0.
    return isFinite(w) && w > 0 ? w : 0;
  }

  function round6(x) {
    return Math.round(x * 1e6) / 1e6;
  }

  /**
   * Weights scaled by the power of two that brings the largest near 1, as the scorer does
   * (Scorer.relative): exact, and four weights of 1e308 no longer sum to Infinity.
   */
  function relative(weights) {
    var max = Math.max.apply(null, weights.concat([0]));
    if (!(max > 0) || !isFinite(max)) { return weights; }
    // Clamped to the exponents a double's power of two can take (5e-324 is 2^-1074).
    var scale = Math.pow(2, -Math.max(-1022, Math.min(1023, Math.floor(Math.log2(max)))));
    return weights.map(function (w) { return w * scale; });
  }

  /** The composites, part scores and ranks of one scope under the given weights. */
  function compute(scope, partWeights, indicatorWeights) {
    var ids = scope.indicators;
    var partIndex = [];
    var columnWeights = [];
    for (var j = 0; j < ids.length; j++) {
      partIndex.push(PARTS.indexOf(data.partOf[ids[j]]));
      // A part of weight 0 is out of every score with its indicators, its part score null, as in
      // Scorer.weightInScores.
      columnWeights.push(partWeights[data.partOf[ids[j]]] > 0 ? indicatorWeights[ids[j]] : 0);
    }
    columnWeights = relative(columnWeights);
    var pw = relative(PARTS.map(function (p) { return partWeights[p]; }));
    var rows = [];
    for (var u = 0; u < scope.units.length; u++) {
      var unit = scope.units[u];
      var sums = [0, 0, 0, 0];
      var weightSums = [0, 0, 0, 0];
      for (var k = 0; k < ids.length; k++) {
        var v = unit.values[k];
        var w = columnWeights[k];
        if (v !== null && w > 0) {
          sums[partIndex[k]] += w * v;
          weightSums[partIndex[k]] += w;
        }
      }
      var total = 0;
      var totalWeight = 0;
      var parts = [];
      for (var p = 0; p < 4; p++) {
        var score = weightSums[p] > 0 ? sums[p] / weightSums[p] : NaN;
        parts.push(isNaN(score) ? null : round6(score));
        if (!isNaN(score) && pw[p] > 0) {
          total += pw[p] * score;
          totalWeight += pw[p];
        }
      }
      var composite = totalWeight > 0 ? round6(total / totalWeight) : null;
      rows.push({ unit: unit, composite: composite, parts: parts, rank: null, tier: null });
    }
    var ranked = rows.filter(function (r) { return r.composite !== null; });
    ranked.sort(function (a, b) { return b.composite - a.composite; });
    for (var i = 0; i < ranked.length; i++) {
      ranked[i].rank = i > 0 && ranked[i].composite === ranked[i - 1].composite ? ranked[i - 1].rank : i + 1;
      ranked[i].tier = tier(ranked[i].composite);
    }
    rows.sort(function (a, b) {
      if (a.rank !== b.rank) {
        if (a.rank === null) { return 1; }
        if (b.rank === null) { return -1; }
        return a.rank - b.rank;
      }
      return a.unit.id < b.unit.id ? -1 : a.unit.id > b.unit.id ? 1 : 0;
    });
    return rows;
  }

  function tier(composite) {
    var t = data.tiers;
    if (composite >= t.excellent) { return '优秀'; }
    if (composite >= t.good) { return '良好'; }
    return composite >= t.pass ? '合格' : '待改进';
  }

  var TIER_CLASS = { '优秀': 'tier-excellent', '良好': 'tier-good', '合格': 'tier-pass', '待改进': 'tier-improve' };

  function cell(row, text, cls) {
    var td = document.createElement('td');
    td.textContent = text;
    if (cls) { td.className = cls; }
    row.appendChild(td);
    return td;
  }

  function currentWeights() {
    var parts = {};
    var indicators = {};
    for (var i = 0; i < partInputs.length; i++) {
      parts[partInputs[i].getAttribute('data-part')] = weightOf(partInputs[i]);
    }
    for (var k = 0; k < indicatorInputs.length; k++) {
      indicators[indicatorInputs[k].getAttribute('data-indicator')] = weightOf(indicatorInputs[k]);
    }
    return { parts: parts, indicators: indicators };
  }

  function render() {
    var scope = data.scopes[select.selectedIndex];
    if (!scope) { return; }
    var weights = currentWeights();
    var rows = compute(scope, weights.parts, weights.indicators);
    var fragment = document.createDocumentFragment();
    var moved = 0;
    var ranked = 0;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      var published = r.unit.rank === undefined ? null : r.unit.rank;
      var tr = document.createElement('tr');
      tr.setAttribute('data-unit', r.unit.id);
      tr.setAttribute('data-composite', r.composite === null ? '' : String(r.composite));
      tr.setAttribute('data-rank', r.rank === null ? '' : String(r.rank));
      tr.setAttribute('data-tier', r.tier === null ? '' : r.tier);
      tr.setAttribute('data-parts', r.parts.map(function (x) { return x === null ? '' : String(x); }).join(','));
      cell(tr, r.rank === null ? '—' : String(r.rank), 'num');
      var name = document.createElement('td');
      name.className = 'name';
      // In a <bdi>, as the pages write names: right-to-left letters in one reorder nothing around it.
      var bdi = document.createElement('bdi');
      bdi.textContent = r.unit.name;
      if (r.unit.href) {
        var a = document.createElement('a');
        a.href = r.unit.href;
        a.appendChild(bdi);
        name.appendChild(a);
      } else {
        name.appendChild(bdi);
      }
      tr.appendChild(name);
      cell(tr, r.composite === null ? '—' : r.composite.toFixed(2), 'num');
      var tierCell = document.createElement('td');
      var badge = document.createElement('span');
      badge.className = 'badge ' + (r.tier === null ? 'tier-none' : TIER_CLASS[r.tier]);
      badge.textContent = r.tier === null ? '未排名' : r.tier;
      tierCell.appendChild(badge);
      tr.appendChild(tierCell);
      for (var p = 0; p < 4; p++) {
        cell(tr, r.parts[p] === null ? '—' : r.parts[p].toFixed(2), 'num');
      }
      cell(tr, published === null ? '—' : String(published), 'num');
      cell(tr, r.unit.composite === undefined ? '—' : r.unit.composite.toFixed(2), 'num');
      var move = published === null || r.rank === null ? null : published - r.rank;
      if (r.rank !== null) { ranked++; }
      if (move) { moved++; }
      cell(tr, move === null ? '—' : move > 0 ? '↑' + move : move < 0 ? '↓' + (-move) : '=',
        'num ' + (move > 0 ? 'up' : move < 0 ? 'down' : 'muted'));
      fragment.appendChild(tr);
    }
    body.textContent = '';
    body.appendChild(fragment);
    status.textContent = '排名单位 ' + ranked + '，名次变动 ' + moved + ' · ' + ranked + ' ranked, ' + moved + ' moved';
  }

  function reset() {
    for (var i = 0; i < partInputs.length; i++) {
      partInputs[i].value = String(data.weights.parts[partInputs[i].getAttribute('data-part')]);
    }
    for (var k = 0; k < indicatorInputs.length; k++) {
      indicatorInputs[k].value = String(data.weights.indicators[indicatorInputs[k].getAttribute('data-indicator')]);
    }
    render();
  }

  panel.addEventListener('input', render);
  select.addEventListener('change', render);
  document.getElementById('whatif-reset').addEventListener('click', reset);
  reset();
})();
