/* global document, window, fetch, URLSearchParams */
// Progressive enhancement for the consultation form: while the citizen types, show published
// answers to similar questions. Without JavaScript the 「查找相似问题」 button does the same.
(function () {
  'use strict';
  var box = document.getElementById('f-question');
  var out = document.getElementById('live-suggestions');
  if (!box || !out || !window.fetch) return;
  var timer = null;
  var last = '';
  function render(items) {
    while (out.firstChild) out.removeChild(out.firstChild);
    if (!items.length) return;
    var h = document.createElement('h2');
    h.textContent = '相似问题的已公开答复';
    out.appendChild(h);
    var ul = document.createElement('ul');
    items.forEach(function (it) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = it.url;
      a.textContent = it.subject;
      li.appendChild(a);
      var p = document.createElement('p');
      p.className = 'muted';
      p.textContent = it.answer.length > 80 ? it.answer.slice(0, 80) + '…' : it.answer;
      li.appendChild(p);
      ul.appendChild(li);
    });
    out.appendChild(ul);
  }
  function lookup() {
    var q = box.value.trim();
    if (q.length < 6 || q === last) return;
    last = q;
    fetch('/api/v1/consult/kb/similar?' + new URLSearchParams({ q: q.slice(0, 500) }).toString(), { headers: { accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : { items: [] }; })
      .then(function (d) { render(d.items || []); })
      .catch(function () {});
  }
  box.addEventListener('input', function () {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(lookup, 500);
  });
})();
