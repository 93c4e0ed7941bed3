// Progressive enhancement for the incident queue: on the first page, look for a new incident every 15 seconds and
// reload when one has arrived. Without JavaScript the queue works the same, with a manual reload.
(function () {
  var table = document.getElementById('queue');
  var firstPage = table ? table.getAttribute('data-first-page') === 'true' : true;
  if (!firstPage) {
    return;
  }
  var shown = table ? table.getAttribute('data-latest') : '';
  setInterval(function () {
    fetch('/queue/latest', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (body && body.latest && body.latest !== shown) {
          window.location.reload();
        }
      })
      .catch(function () { /* offline for a moment: try again next time */ });
  }, 15000);
})();
