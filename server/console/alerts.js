// Opt-in alerts for new waiting customers: a short tone made with WebAudio (no sound file) and the
// page title "(2) Support console" while there are waiting customers the operator has not looked
// at. Off by default; the choice is remembered. The new rows' highlight only animates when the
// operator has not asked for reduced motion (desk.css).
import { app, state } from './app.js';
import { $, loadLocal, saveLocal } from './dom.js';
import { t } from './i18n.js';
import { isNew } from './queue-list.js';

const KEY = 'swp-desk-alerts';
let enabled = loadLocal(KEY, false) === true;
let audio = null;
let known = null;

function tone() {
  if (!audio) return;
  const now = audio.currentTime;
  const osc = audio.createOscillator();
  const gain = audio.createGain();
  osc.type = 'sine';
  osc.frequency.setValueAtTime(880, now);
  osc.frequency.setValueAtTime(660, now + 0.12);
  gain.gain.setValueAtTime(0.0001, now);
  gain.gain.exponentialRampToValueAtTime(0.2, now + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, now + 0.3);
  osc.connect(gain).connect(audio.destination);
  osc.start(now);
  osc.stop(now + 0.32);
}

function unlock() {
  // Browsers allow sound after a user gesture: the toggle's click is one.
  if (!audio && typeof AudioContext === 'function') audio = new AudioContext();
  if (audio?.state === 'suspended') void audio.resume();
}

function title() {
  const n = state.queue.waiting.filter(isNew).length;
  document.title = enabled && n > 0 ? t('alerts.title', { n }) : t('app.title');
}

function onLists(queue) {
  const ids = new Set(queue.waiting.map((i) => i.conversationId));
  const arrived = known ? [...ids].some((id) => !known.has(id)) : false;
  known = ids;
  if (enabled && arrived) tone();
  title();
}

/** Wires the alert toggle. */
export function setupAlerts() {
  const box = $('alert-toggle');
  box.checked = enabled;
  box.addEventListener('change', () => {
    enabled = box.checked;
    saveLocal(KEY, enabled);
    if (enabled) unlock();
    title();
  });
  document.addEventListener('pointerdown', () => enabled && unlock(), { once: true });
  app.on('lists', onLists);
}
