// Drag-and-drop upload: one request per file into one batch, with a progress bar per file.
// Without JavaScript the form posts all files at once to /seller/upload.
(function () {
  const form = document.getElementById('upload-form');
  const input = document.getElementById('photo-input');
  const drop = document.getElementById('drop');
  const list = document.getElementById('progress');
  if (!form || !window.FormData) return;
  const csrf = form.querySelector('input[name=_csrf]').value;

  function api(method, url, body, onProgress) {
    return new Promise(function (resolve) {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.setRequestHeader('Accept', 'application/json');
      if (onProgress) xhr.upload.onprogress = function (e) { if (e.lengthComputable) onProgress(e.loaded / e.total); };
      xhr.onload = function () {
        let json = null;
        try { json = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        resolve({ status: xhr.status, json: json });
      };
      xhr.onerror = function () { resolve({ status: 0, json: null }); };
      xhr.send(body);
    });
  }

  async function upload(files) {
    if (!files.length) return;
    const batch = await api('POST', '/api/batches', null);
    if (batch.status !== 201) { alert('Could not start a batch: ' + (batch.json ? batch.json.error : batch.status)); return; }
    for (const file of files) {
      const li = document.createElement('li');
      const bar = document.createElement('progress');
      bar.max = 1; bar.value = 0;
      const text = document.createElement('span');
      text.textContent = file.name;
      li.append(bar, text);
      list.append(li);
      const body = new FormData();
      body.append('photo', file, file.name);
      const r = await api('POST', '/api/batches/' + batch.json.batchId + '/photos', body, function (p) { bar.value = p; });
      bar.value = 1;
      const result = r.json && r.json.results ? r.json.results[0] : null;
      const message = result ? result.message : (r.json && r.json.error) || ('upload failed (' + r.status + ')');
      li.className = result ? result.outcome : 'rejected';
      text.textContent = file.name + ': ' + message;
    }
    const done = document.createElement('li');
    const link = document.createElement('a');
    link.href = '/seller'; link.textContent = 'Show my photos with their tags';
    done.append(link);
    list.append(done);
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); upload(Array.from(input.files)); input.value = ''; });
  ['dragenter', 'dragover'].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); }); });
  ['dragleave', 'drop'].forEach(function (t) { drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.remove('over'); }); });
  drop.addEventListener('drop', function (e) { upload(Array.from(e.dataTransfer.files)); });
})();
