// Keyboard review: j/k move between items, a accepts, c opens the correction list (Enter submits it).
(function () {
  const items = Array.from(document.querySelectorAll('#queue .item'));
  if (!items.length) return;
  let current = 0;
  function focus(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (el, k) { el.classList.toggle('current', k === current); });
    items[current].focus();
  }
  focus(0);
  document.addEventListener('keydown', function (e) {
    const tag = (e.target.tagName || '').toLowerCase();
    if (tag === 'select' || tag === 'input' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'j') { focus(current + 1); e.preventDefault(); }
    else if (e.key === 'k') { focus(current - 1); e.preventDefault(); }
    else if (e.key === 'a') { items[current].querySelector('form.accept').submit(); e.preventDefault(); }
    else if (e.key === 'c') { items[current].querySelector('select.correct-label').focus(); e.preventDefault(); }
  });
  items.forEach(function (item) {
    const select = item.querySelector('select.correct-label');
    select.addEventListener('keydown', function (e) { if (e.key === 'Enter') { item.querySelector('form.correct').submit(); e.preventDefault(); } });
  });
})();
