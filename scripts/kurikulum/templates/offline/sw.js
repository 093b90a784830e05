/*
 * The site's service worker, written by kurikulum build (scripts/kurikulum/offline/installable.py).
 *
 * VERSION is the hash of the build's file list (luring/berkas.json): a new build is a new
 * worker with a cache of its own. The worker keeps a response only when its bytes match the
 * hash its own list gives for that file, so a cache never mixes two builds. On install it
 * fills its cache with the shell of the reader's languages and everything the older cache
 * held (files that did not change are copied, changed ones fetched again, removed ones
 * dropped); only then does it take over and delete the older caches.
 *
 * Pages: the network first (a few seconds, past the browser's HTTP cache), then the cache.
 * Everything else: the cache first. Nothing from another origin is touched.
 */
"use strict";

var VERSION = "__VERSION__";
var FILES = "__FILES__";
var PREFIX = "__PREFIX__"; // the organisation's name as a file name, e.g. "sekolah-hak-"
var CACHE = PREFIX + VERSION;
var NETWORK_WAIT = 4000; // ms a page may take from the network before the kept copy is shown
var SCOPE = self.registration.scope;
var SCOPE_PATH = new URL(SCOPE).pathname;

var listing = null; // this build's luring/berkas.json, read once per worker start

// The file a URL of the site stands for ("modul/x/" → "modul/x/index.html"), or null outside the site.
function fileOf(url) {
  var parsed = new URL(url);
  if (parsed.origin !== self.location.origin || parsed.pathname.indexOf(SCOPE_PATH) !== 0) return null;
  var path = decodeURIComponent(parsed.pathname.slice(SCOPE_PATH.length));
  if (path === "" || path.slice(-1) === "/") path += "index.html";
  return path;
}

// The URL a file is kept under: pages by their folder, as the site links them.
function keyOf(path) {
  return new URL(path.replace(/(^|\/)index\.html$/, "$1"), SCOPE).href;
}

function hex(buffer) {
  return Array.prototype.map.call(new Uint8Array(buffer), function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
}

async function matches(files, path, response) {
  var expected = files[path];
  if (!expected || !response || response.status !== 200 || response.type === "opaque") return false;
  var bytes = await response.clone().arrayBuffer();
  var digest = hex(await crypto.subtle.digest("SHA-256", bytes));
  return digest.slice(0, expected[0].length) === expected[0];
}

// Read from this build's cache without creating it (caches.open would bring a deleted one back).
function kept(path) {
  return caches.match(keyOf(path), { cacheName: CACHE });
}

// This build's cache to write into, or null once a newer build's worker has deleted it: an
// old worker still finishing an event must not bring its cache back beside the new one.
async function writable() {
  if (self.serviceWorker && self.serviceWorker.state === "redundant") return null;
  return (await caches.has(CACHE)) ? caches.open(CACHE) : null;
}

async function readListing() {
  if (listing) return listing;
  var response = await kept(FILES);
  if (response) listing = await response.json();
  return listing;
}

// Fetch a file of this build and keep it; fails when the network gives other bytes (another build).
async function store(cache, files, path) {
  // "reload": from the network, never the browser's HTTP cache (it may hold the previous build).
  var response = await fetch(keyOf(path), { cache: "reload", credentials: "same-origin" });
  if (!(await matches(files, path, response))) throw new Error("not of build " + VERSION + ": " + path);
  await cache.put(keyOf(path), response);
  return files[path][1];
}

function languageOf(data, path) {
  var first = path.split("/")[0];
  return data.languages.indexOf(first) > 0 && path.indexOf("/") > 0 ? first : data.default_language;
}

async function install() {
  var response = await fetch(keyOf(FILES), { cache: "reload", credentials: "same-origin" });
  var data = await response.json();
  if (data.version !== VERSION) throw new Error("the site is being updated: try again later");
  var cache = await caches.open(CACHE);
  var wanted = {};
  // The languages of the open pages and of what an older cache kept.
  var windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  var languages = {};
  windows.forEach(function (client) {
    var path = fileOf(client.url);
    if (path !== null) languages[languageOf(data, path)] = true;
  });
  var older = (await caches.keys()).filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; });
  var previous = older.length ? await caches.open(older[older.length - 1]) : null;
  var previousFiles = {};
  if (previous) {
    var kept = await previous.match(keyOf(FILES));
    if (kept) previousFiles = (await kept.json()).files || {};
    (await previous.keys()).forEach(function (request) {
      var path = fileOf(request.url);
      if (path !== null && data.files[path]) wanted[path] = true;
    });
  }
  Object.keys(wanted).forEach(function (path) { languages[languageOf(data, path)] = true; });
  if (!Object.keys(languages).length) languages[data.default_language] = true;
  Object.keys(languages).forEach(function (lang) {
    (data.shell[lang] || []).forEach(function (path) { wanted[path] = true; });
  });
  delete wanted[FILES];
  for (var path of Object.keys(wanted).sort()) {
    var old = previousFiles[path];
    if (previous && old && old[0] === data.files[path][0]) {
      var copy = await previous.match(keyOf(path));
      if (copy) {
        await cache.put(keyOf(path), copy);
        continue;
      }
    }
    await store(cache, data.files, path);
  }
  // Last: the list marks the cache as complete.
  await cache.put(keyOf(FILES), new Response(JSON.stringify(data), { headers: { "Content-Type": "application/json" } }));
  listing = data;
}

self.addEventListener("install", function (event) {
  event.waitUntil(install().then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(PREFIX) === 0 && name !== CACHE; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

async function keep(path, response) {
  var data = await readListing();
  if (data && (await matches(data.files, path, response))) {
    var cache = await writable();
    if (cache) await cache.put(keyOf(path), response);
  }
  // Bytes of another build are served but not kept. Do not call registration.update() from
  // here: in chromium the new worker then waits for this one and never takes over; the
  // browser checks sw.js on the next navigation anyway.
}

function later(ms) {
  return new Promise(function (_, reject) { setTimeout(function () { reject(new Error("slow network")); }, ms); });
}

async function page(event, path) {
  // "no-cache": the server is asked every time (a 304 when nothing changed). Without it the
  // browser may answer from its HTTP cache, which may call a page of the previous build fresh
  // for minutes after a new one is published (heuristic freshness, 10 % of the file's age).
  var network = fetch(new Request(event.request, { cache: "no-cache" })).then(function (response) {
    event.waitUntil(keep(path, response.clone()));
    return response;
  });
  try {
    return await Promise.race([network, later(NETWORK_WAIT)]);
  } catch (error) {
    return (await kept(path)) || network;
  }
}

async function asset(event, path) {
  var copy = await kept(path);
  if (copy) return copy;
  var response = await fetch(event.request);
  event.waitUntil(keep(path, response.clone()));
  return response;
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var path = fileOf(request.url);
  if (path === null || path === "sw.js") return;
  event.respondWith(request.mode === "navigate" ? page(event, path) : asset(event, path));
});

// What the "save for offline" button asks: the size of a topic, saving it (with progress), a language's shell.
async function plan(lang, topic) {
  var data = await readListing();
  var files = (data && data.topics[lang] && data.topics[lang][topic]) || [];
  var missing = [];
  for (var path of files) if (!(await kept(path))) missing.push(path);
  var bytes = missing.reduce(function (sum, path) { return sum + data.files[path][1]; }, 0);
  return { total: files.length, missing: missing, bytes: bytes, version: VERSION };
}

async function save(lang, topic, port) {
  var data = await readListing();
  var todo = await plan(lang, topic);
  var cache = await writable();
  var done = todo.total - todo.missing.length;
  var failed = 0;
  port.postMessage({ done: done, total: todo.total });
  for (var path of todo.missing) {
    try {
      if (!cache) throw new Error("a newer build took over: reload the page");
      await store(cache, data.files, path);
      done += 1;
    } catch (error) {
      failed += 1;
    }
    port.postMessage({ done: done, total: todo.total });
  }
  port.postMessage({ finished: true, done: done, failed: failed, total: todo.total });
}

async function fill(lang) {
  var data = await readListing();
  var cache = await writable();
  if (!data || !data.shell[lang] || !cache) return;
  for (var path of data.shell[lang]) {
    if (!(await kept(path))) await store(cache, data.files, path).catch(function () {});
  }
}

self.addEventListener("message", function (event) {
  var message = event.data || {};
  var port = event.ports && event.ports[0];
  if (message.type === "plan" && port) event.waitUntil(plan(message.lang, message.topic).then(function (answer) { port.postMessage(answer); }));
  else if (message.type === "save" && port) event.waitUntil(save(message.lang, message.topic, port));
  else if (message.type === "language") event.waitUntil(fill(message.lang));
});
