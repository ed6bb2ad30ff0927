// Models page: refreshes the progress of running jobs every 2 s, and reloads the page when one ends.
(function () {
  const rows = Array.from(document.querySelectorAll('#jobs tr[data-running="true"]'));
  if (!rows.length) return;
  function poll() {
    Promise.all(rows.map(function (row) {
      return fetch('/api/jobs/' + row.dataset.job, { headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (body) {
          if (!body) return false;
          const job = body.job;
          const pct = Math.round(job.progress * 100);
          row.querySelector('progress').value = pct;
          row.querySelector('.percent').textContent = pct + '%';
          row.querySelector('.message').textContent = job.message || '';
          return job.status !== 'running';
        });
    })).then(function (ended) {
      if (ended.some(Boolean)) location.reload();
      else setTimeout(poll, 2000);
    }).catch(function () { setTimeout(poll, 5000); });
  }
  setTimeout(poll, 2000);
})();
