// The live warning board (/warnings). It listens to the server's warning stream (server-sent
// events, one per raised or changed warning in the officer's jurisdiction) and puts those warnings
// into the table without a reload. The rows themselves come from the server's own rendering of
// this page — same filters, same action forms — so this script knows nothing of how a row looks.
(() => {
  'use strict';
  const status = document.getElementById('live-status');
  const table = document.getElementById('warning-board');
  if (!status || !table || !window.EventSource || !window.fetch) {
    return;
  }

  const tbody = table.tBodies[0];
  const state = document.getElementById('live-state');
  const count = document.getElementById('live-count');
  const seen = new Map(); // warning id -> latest revision handled
  const pending = new Set();
  let arrived = 0;
  let elsewhere = 0;
  let timer = null;

  const setState = (text, colour) => {
    state.textContent = text;
    state.className = 'badge ' + colour;
  };
  const rowIn = (root, id) => (id ? root.querySelector('tr[data-warning-id="' + CSS.escape(id) + '"]') : null);

  const schedule = (delay) => {
    if (timer === null) {
      timer = setTimeout(refresh, delay); // a burst of changes costs one fetch
    }
  };

  const highlight = (row) => {
    row.classList.remove('live-new');
    void row.offsetWidth; // restart the animation on a row changed twice
    row.classList.add('live-new');
  };

  // Where the fresh page puts the row: before the next of its rows that this page also shows.
  const place = (row, incoming) => {
    let next = incoming.nextElementSibling;
    while (next && !rowIn(tbody, next.dataset.warningId)) {
      next = next.nextElementSibling;
    }

    tbody.insertBefore(row, next ? rowIn(tbody, next.dataset.warningId) : tbody.firstElementChild);
  };

  async function refresh() {
    timer = null;
    const ids = [...pending];
    pending.clear();
    let fresh;
    try {
      const response = await fetch(location.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }

      fresh = new DOMParser().parseFromString(await response.text(), 'text/html').querySelector('#warning-board tbody');
    } catch {
      ids.forEach((id) => pending.add(id));
      schedule(3000);
      return;
    }

    for (const id of ids) {
      const incoming = fresh ? rowIn(fresh, id) : null;
      const current = rowIn(tbody, id);
      if (incoming) {
        if (current && current.contains(document.activeElement)) {
          current.classList.add('live-stale'); // never pull a form from under the officer's fingers
          continue;
        }

        const row = document.importNode(incoming, true);
        if (current) {
          current.replaceWith(row);
        } else {
          place(row, incoming);
          arrived++;
        }

        highlight(row);
      } else if (current) {
        current.classList.add('live-gone'); // it no longer matches the filters (e.g. closed)
      } else {
        elsewhere++;
      }
    }

    if (tbody.rows.length > 0) {
      document.getElementById('board-empty')?.remove();
    }

    const parts = [];
    if (arrived > 0) {
      parts.push('本页打开后新到 ' + arrived + ' 条');
    }
    if (elsewhere > 0) {
      parts.push('另有 ' + elsewhere + ' 条变化不在当前筛选或页码中');
    }
    count.textContent = parts.join('；');
    document.title = (arrived > 0 ? '(' + arrived + ') ' : '') + document.title.replace(/^\(\d+\) /, '');
  }

  const source = new EventSource(status.dataset.stream);
  source.onopen = () => setState('实时更新已连接', 'badge-green');
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      setState('实时更新已停止，请刷新页面', 'badge-red'); // e.g. the session ended
    } else {
      setState('连接中断，正在重连…', 'badge-yellow'); // the browser reconnects with Last-Event-ID
    }
  };
  source.addEventListener('warning', (event) => {
    const change = JSON.parse(event.data);
    if ((seen.get(change.id) ?? 0) >= change.revision) {
      return;
    }

    seen.set(change.id, change.revision);
    pending.add(change.id);
    schedule(300);
  });
  source.addEventListener('reset', () => location.reload());
  window.addEventListener('pagehide', () => source.close());
})();
