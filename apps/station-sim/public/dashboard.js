// station-sim dashboard: one card per station, live over GET /api/events (a websocket), actions through the control API.
// Plain browser JavaScript, no build step. Every value from the API goes into the page as text, never as HTML.

const MAX_CARDS = 60;
const MAX_MESSAGES = 8;
const FAULTS = ['RcdTripped', 'GroundFault', 'OverTemperature', 'OverCurrent', 'RelayWelded', 'PilotFault', 'DiodeFault', 'LinkLost', 'LockJammed', 'MeterFailure'];

/** @type {Map<string, any>} the last view of every station, by id */
const stations = new Map();
/** @type {Map<string, ReturnType<typeof createCard>>} the cards on the page, by station id */
const cards = new Map();
let filter = '';

const $ = (id) => document.getElementById(id);

/** A DOM element with attributes and children (strings become text nodes). */
function el(tag, attributes = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function badgeClass(text) {
  if (['Available', 'Accepted', 'running', 'connected'].includes(text)) return 'badge ok';
  if (['Occupied', 'Charging', 'booting'].includes(text)) return 'badge info';
  if (['Faulted', 'Rejected', 'off', 'offline'].includes(text)) return 'badge bad';
  return 'badge warn';
}

function setBadge(node, text) {
  node.textContent = text;
  node.className = badgeClass(text);
}

function showNotice(text) {
  const notice = $('notice');
  notice.textContent = text;
  notice.hidden = false;
  clearTimeout(showNotice.timer);
  showNotice.timer = setTimeout(() => (notice.hidden = true), 6000);
}

/** POSTs a control API action; the answer's error text is shown when it is refused. */
async function post(path, body = {}) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    showNotice(answer.error ?? `${response.status} ${response.statusText}`);
    return undefined;
  }
  return answer;
}

function evseAction(stationId, evseId, action, body) {
  return post(`/api/stations/${encodeURIComponent(stationId)}/evses/${evseId}/${action}`, body).then((answer) => {
    const view = stations.get(stationId);
    if (answer?.evse && view) {
      view.evses[evseId - 1] = answer.evse;
      update(stationId);
    }
  });
}

function kilo(value, unit) {
  return `${(value / 1000).toFixed(value >= 100_000 ? 0 : 2)} k${unit}`;
}

function messageLine(entry) {
  const time = entry.at.slice(11, 19);
  const payload = entry.payload ?? {};
  const detail = payload.connectorStatus ?? payload.eventType ?? payload.status ?? payload.idTokenInfo?.status ?? '';
  return el('li', { class: entry.direction, title: JSON.stringify(entry.payload) }, [`${time} `, el('b', {}, [entry.action ?? '?']), ` ${entry.messageType} ${detail}`]);
}

function createEvse(stationId, evseId) {
  const status = el('span', { class: 'badge', 'data-testid': 'connector-status' });
  const facts = el('div', { class: 'facts' });
  const tx = el('div', { class: 'tx none', 'data-testid': 'transaction' }, ['No transaction']);
  const plug = el('button', { 'data-testid': 'plug', onclick: () => evseAction(stationId, evseId, plug.dataset.plugged === 'true' ? 'unplug' : 'plug') }, ['Plug in']);
  const token = el('input', { class: 'token', value: 'AA11BB22', 'aria-label': 'idToken', 'data-testid': 'token-input' });
  const present = el('button', { 'data-testid': 'present-token', onclick: () => evseAction(stationId, evseId, 'token', { idToken: token.value.trim(), type: 'ISO14443' }) }, ['Present token']);
  const suspend = el('button', { 'data-testid': 'suspend', onclick: () => evseAction(stationId, evseId, 'ev', { suspended: suspend.dataset.suspended !== 'true' }) }, ['EV: suspend']);
  const fault = el('select', { 'aria-label': 'fault' }, FAULTS.map((name) => el('option', { value: name }, [name])));
  const raise = el('button', { onclick: () => evseAction(stationId, evseId, 'fault', { fault: fault.value, active: true }) }, ['Raise']);
  const clear = el('button', { onclick: () => evseAction(stationId, evseId, 'fault', { fault: fault.value, active: false }) }, ['Clear']);
  const root = el('section', { class: 'evse', 'data-testid': `evse-${evseId}` }, [
    el('div', { class: 'evse-head' }, [el('strong', {}, [`EVSE ${evseId}`]), status]),
    facts,
    tx,
    el('div', { class: 'actions' }, [plug, token, present, suspend, fault, raise, clear]),
  ]);
  return { root, status, facts, tx, plug, suspend };
}

function updateEvse(parts, evse) {
  const hw = evse.hardware;
  setBadge(parts.status, evse.connectors[0]?.status ?? 'off');
  const fact = (label, value) => el('div', {}, [el('span', {}, [label]), String(value)]);
  parts.facts.replaceChildren(
    fact('EV', hw.plugged ? (hw.suspended ? 'plugged, suspended' : 'plugged') : 'not plugged'),
    fact('pilot / relay', `${hw.cp} / ${hw.relayClosed ? 'closed' : 'open'}`),
    fact('power', kilo(hw.powerW, 'W')),
    fact('SoC', `${hw.socPercent.toFixed(1)} %`),
    fact('lock', hw.lock),
    fact('offered', `${hw.offeredCurrentA} A`),
    fact('meter', kilo(hw.energyImportWh, 'Wh')),
    fact('faults', hw.faults.length === 0 ? 'none' : hw.faults.join(', ')),
  );
  const t = evse.transaction;
  parts.tx.className = t ? 'tx' : 'tx none';
  parts.tx.textContent = t
    ? `Transaction ${t.transactionId.slice(0, 8)}: ${t.chargingState}, ${t.energyWh === null ? '?' : kilo(t.energyWh, 'Wh')}, ${kilo(t.powerW, 'W')}${t.idToken ? `, ${t.idToken.idToken}` : ''}`
    : evse.authorized
      ? 'Authorized, no transaction yet'
      : 'No transaction';
  parts.plug.dataset.plugged = String(hw.plugged);
  parts.plug.textContent = hw.plugged ? 'Unplug' : 'Plug in';
  parts.suspend.dataset.suspended = String(hw.suspended);
  parts.suspend.textContent = hw.suspended ? 'EV: resume' : 'EV: suspend';
}

function createCard(view) {
  const id = view.id;
  const state = el('span', { class: 'badge', 'data-testid': 'station-state' });
  const registration = el('span', { class: 'badge', 'data-testid': 'registration' });
  const connection = el('span', { class: 'badge' });
  const cycle = el('button', { onclick: () => post(`/api/stations/${encodeURIComponent(id)}/power-cycle`) }, ['Power cycle']);
  const csms = el('div', { class: 'csms' });
  const evses = view.evses.map((evse) => createEvse(id, evse.evseId));
  const messages = el('ul', { class: 'messages', 'data-testid': 'messages' });
  const root = el('article', { class: 'card', 'data-testid': `station-${id}` }, [
    el('div', { class: 'card-head' }, [el('h2', {}, [id]), state, registration, connection, cycle]),
    csms,
    ...evses.map((parts) => parts.root),
    messages,
  ]);
  return { root, state, registration, connection, csms, evses, messages };
}

function renderMessages(card, view) {
  card.messages.replaceChildren(...view.lastMessages.slice(-MAX_MESSAGES).map(messageLine));
}

function update(id) {
  const card = cards.get(id);
  const view = stations.get(id);
  if (!card || !view) return;
  setBadge(card.state, view.state);
  setBadge(card.registration, view.registration ?? 'not registered');
  setBadge(card.connection, view.connected ? 'connected' : 'offline');
  card.csms.textContent = `CSMS ${view.csmsUrl}`;
  view.evses.forEach((evse, i) => card.evses[i] && updateEvse(card.evses[i], evse));
  renderMessages(card, view);
}

/** Puts the first MAX_CARDS stations matching the filter on the page, in id order. */
function render() {
  const shown = [...stations.keys()].filter((id) => id.toLowerCase().includes(filter)).sort();
  const visible = new Set(shown.slice(0, MAX_CARDS));
  for (const [id, card] of cards) {
    if (!visible.has(id)) {
      card.root.remove();
      cards.delete(id);
    }
  }
  const main = $('stations');
  for (const id of visible) {
    if (!cards.has(id)) cards.set(id, createCard(stations.get(id)));
    main.append(cards.get(id).root);
    update(id);
  }
  const more = $('more');
  more.hidden = shown.length <= MAX_CARDS;
  more.textContent = `${shown.length - MAX_CARDS} more station(s) not shown: narrow the filter.`;
}

function onEvent(event) {
  if (event.type === 'stations') {
    stations.clear();
    for (const view of event.stations) stations.set(view.id, view);
    render();
  } else if (event.type === 'station') {
    const known = stations.has(event.station.id);
    stations.set(event.station.id, event.station);
    if (known) update(event.station.id);
    else render();
  } else if (event.type === 'message') {
    const view = stations.get(event.station);
    if (!view) return;
    view.lastMessages = [...view.lastMessages, event.entry].slice(-MAX_MESSAGES);
    const card = cards.get(event.station);
    if (card) renderMessages(card, view);
  }
}

function connect() {
  const live = $('live');
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/events`);
  socket.addEventListener('open', () => {
    live.textContent = 'live';
    live.className = 'badge ok';
  });
  socket.addEventListener('message', (message) => onEvent(JSON.parse(message.data)));
  socket.addEventListener('close', () => {
    live.textContent = 'reconnecting';
    live.className = 'badge bad';
    setTimeout(connect, 2000);
  });
}

$('filter').addEventListener('input', (event) => {
  filter = event.target.value.trim().toLowerCase();
  render();
});
connect();
