// The console's sign-in: a username + password form posted to /swp/v1/operator/login; the session
// is an HttpOnly cookie the script never sees (nothing secret is kept in storage), so a reload
// stays signed in until the session ends. "Sign out" revokes it. A demo server names its demo
// accounts here (GET /swp/v1/operator/config). Plain ES module, no build step; text via textContent.
import { applyStrings, t } from './i18n.js';
import './strings-login.js';

const $ = (id) => document.getElementById(id);
const API = '/swp/v1/operator';
const AVATAR_KEY = 'swp-operator-avatar';
let hooks = { signedIn: () => undefined, signedOut: () => undefined };
/** The signed-in account, as the sign-in routes said (name and role). */
let who = null;

function signedIn(operator) {
  who = operator;
  hooks.signedIn(operator);
}

/** The photo URL the operator gave at sign-in (not a secret), or ''. */
export function chosenAvatar() {
  return sessionStorage.getItem(AVATAR_KEY) || '';
}

/** Shows the sign-in form (with a message) instead of the console. */
export function showLogin(message) {
  $('app').hidden = true;
  $('login').hidden = false;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('login-error').textContent = message || '';
  $('login-password').value = '';
}

/** Hides the form (the console is connected); the header says who is signed in. */
export function showSignedIn() {
  $('login').hidden = true;
  $('app').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = who ? t('login.as', { name: who.name, role: who.role }) : '';
}

/** The signed-in operator (by the cookie, or the SSO proxy), or null. */
export async function currentOperator() {
  try {
    const res = await fetch(`${API}/me`, { credentials: 'same-origin' });
    return res.ok ? ((await res.json()).operator ?? null) : null;
  } catch {
    return null;
  }
}

function refusal(res, body) {
  if (res.status === 401) return t('login.wrong');
  if (res.status === 429) {
    const seconds = Number(res.headers.get('Retry-After') || 60);
    return t('login.limited', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if (res.status === 403) return t('login.origin');
  return body?.message || t('login.failed', { status: res.status });
}

async function submit(e) {
  e.preventDefault();
  const username = $('login-username').value.trim();
  const password = $('login-password').value;
  if (!username || !password) return;
  $('login-error').textContent = '';
  $('login-submit').disabled = true;
  try {
    const res = await fetch(`${API}/login`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const body = await res.json().catch(() => null);
    $('login-password').value = '';
    if (!res.ok) {
      $('login-error').textContent = refusal(res, body);
      return;
    }
    const avatar = $('login-avatar').value.trim();
    if (avatar) sessionStorage.setItem(AVATAR_KEY, avatar);
    else sessionStorage.removeItem(AVATAR_KEY);
    signedIn(body.operator);
  } catch {
    $('login-error').textContent = t('login.failed', { status: 0 });
  } finally {
    $('login-submit').disabled = false;
  }
}

/** Signs out: revokes the session, then back to the form. */
export async function signOut() {
  try {
    await fetch(`${API}/logout`, { method: 'POST', credentials: 'same-origin' });
  } finally {
    hooks.signedOut();
    showLogin(t('login.signedOut'));
  }
}

async function showDemoAccounts() {
  try {
    const res = await fetch(`${API}/config`, { credentials: 'same-origin' });
    const accounts = res.ok ? (await res.json()).demoAccounts : undefined;
    if (!accounts?.length) return;
    const note = $('login-demo');
    note.replaceChildren(t('login.demo'));
    for (const [i, a] of accounts.entries()) {
      const code = document.createElement('code');
      code.textContent = `${a.username} / ${a.password}`;
      note.append(i === 0 ? ' ' : '; ', code, ` (${a.role})`);
    }
    note.hidden = false;
  } catch {
    // no note
  }
}

/**
 * Wires the form and the Sign out button; shows the console at once when the cookie (or the SSO
 * proxy) already signs this browser in.
 * @param {{ signedIn: (operator: object) => void, signedOut: () => void }} h
 */
export async function initLogin(h) {
  hooks = h;
  applyStrings($('login'));
  applyStrings($('sign-out').parentElement);
  $('login-avatar').value = chosenAvatar();
  $('login-form').addEventListener('submit', (e) => void submit(e));
  $('sign-out').addEventListener('click', () => void signOut());
  void showDemoAccounts();
  const operator = await currentOperator();
  if (operator) signedIn(operator);
}

/** The session ended (signed out elsewhere, expired, disabled): back to the form, saying so. */
export function sessionEnded() {
  showLogin(t('login.ended'));
}
