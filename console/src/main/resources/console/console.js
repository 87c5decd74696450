// The LogFlow console's page. Log content is only ever put into the page as text
// (textContent, createTextNode): a log's message is data, never markup.
"use strict";

const LEVELS = ["DEBUG", "INFO", "WARN", "ERROR", "FATAL"];
const $ = (id) => document.getElementById(id);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === "class") node.className = value; else node.setAttribute(name, value);
  });
  children.forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
  return node;
}

function utc(value) {
  const date = typeof value === "number" ? new Date(value) : new Date(String(value));
  return isNaN(date) ? String(value) : date.toISOString().replace("T", " ").replace("Z", "");
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

// every request carries the console's header: the server refuses changes without it (cross-site requests)
async function api(path, options = {}) {
  const response = await fetch(path, {
    method: options.method || "GET",
    headers: Object.assign({"X-LogFlow-Console": "1"}, options.body ? {"Content-Type": "application/json"} : {},
      options.headers || {}),
    body: options.body ? JSON.stringify(options.body) : undefined,
    credentials: "same-origin",
  });
  let body;
  try { body = await response.json(); } catch (e) { body = {error: "answer " + response.status + " was not JSON"}; }
  if (response.status === 401) showLogin(body.error);
  if (!response.ok) {
    const error = new Error(body.error || ("HTTP " + response.status));
    error.status = response.status;
    throw error;
  }
  return body;
}

async function guarded(action) {
  showError("");
  try { await action(); } catch (e) { showError(e.message); }
}

/* ---------- pages and sign-in ---------- */

let currentPage = "search";
function showPage(name) {
  currentPage = name;
  document.querySelectorAll("#nav button").forEach((button) => {
    if (button.dataset.page === name) button.setAttribute("aria-current", "page");
    else button.removeAttribute("aria-current");
  });
  document.querySelectorAll(".page").forEach((page) => { page.hidden = page.id !== "page-" + name; });
  location.hash = name;
  if (name === "pipeline") refreshPipeline();
  if (name === "dlq") guarded(loadDeadLetterSummary);
}

function showLogin(why) {
  $("login").hidden = false;
  if (why) $("login-why").textContent = why;
  $("login-key").focus();
}

async function checkSession() {
  const session = await api("/api/session");
  if (session.locked) { showError(session.locked); return false; }
  if (!session.signed_in) { showLogin(); return false; }
  $("logout").hidden = !session.required;
  return true;
}

/* ---------- search ---------- */

const search = {page: 0, levels: new Set(), services: new Set(), asked: 0};

function searchParams() {
  const params = new URLSearchParams();
  const query = $("q").value.trim();
  if (query) params.set("q", query);
  params.set("range", $("range").value);
  if ($("range").value === "custom") { params.set("from", $("from").value.trim()); params.set("to", $("to").value.trim()); }
  search.levels.forEach((level) => params.append("level", level));
  search.services.forEach((service) => params.append("service", service));
  params.set("page", search.page);
  return params;
}

async function runSearch() {
  const asked = ++search.asked;
  const answer = await api("/api/search?" + searchParams());
  if (asked !== search.asked) return; // a later search was asked for meanwhile: its answer is the one to show
  drawFacet($("levels"), answer.levels, search.levels, LEVELS);
  drawFacet($("services"), answer.services, search.services, []);
  drawHistogram(answer);
  const tbody = $("results").tBodies[0];
  tbody.replaceChildren();
  answer.hits.forEach((hit) => addLogRow(tbody, hit, false));
  const first = answer.total === 0 ? 0 : answer.page * answer.size + 1;
  const last = Math.min(answer.total, (answer.page + 1) * answer.size);
  $("search-summary").textContent = answer.total + " logs match (" + utc(answer.from) + " to " + utc(answer.to) + " UTC)";
  $("page-info").textContent = first + "–" + last + " of " + answer.total;
  $("prev").disabled = answer.page === 0;
  $("next").disabled = last >= answer.total || last >= 10000;
}

function drawFacet(box, counts, chosen, always) {
  box.replaceChildren();
  const names = [...new Set([...always, ...Object.keys(counts), ...chosen])];
  names.forEach((name) => {
    const box_ = el("input", {type: "checkbox", value: name});
    box_.checked = chosen.has(name);
    box_.addEventListener("change", () => {
      if (box_.checked) chosen.add(name); else chosen.delete(name);
      search.page = 0;
      guarded(runSearch);
    });
    box.append(el("label", {}, box_, el("span", {class: "level-" + name}, name), el("span", {class: "count"}, counts[name] || 0)));
  });
}

function drawHistogram(answer) {
  const svg = $("histogram");
  svg.replaceChildren();
  const buckets = answer.histogram;
  const max = Math.max(1, ...buckets.map((b) => Object.values(b.levels).reduce((a, n) => a + n, 0)));
  const width = 1000 / Math.max(1, buckets.length);
  buckets.forEach((bucket, i) => {
    let y = 140;
    LEVELS.forEach((level) => {
      const n = bucket.levels[level] || 0;
      if (!n) return;
      const h = (n / max) * 132;
      y -= h;
      const rect = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      rect.setAttribute("x", i * width + 0.5);
      rect.setAttribute("y", y);
      rect.setAttribute("width", Math.max(1, width - 1));
      rect.setAttribute("height", h);
      rect.style.fill = "var(--" + level + ")";
      const title = document.createElementNS("http://www.w3.org/2000/svg", "title");
      title.textContent = utc(bucket.start) + " " + level + ": " + n;
      rect.append(title);
      svg.append(rect);
    });
  });
  $("histogram-axis").replaceChildren(el("span", {}, utc(answer.from)), el("span", {}, "each bar " + answer.interval_ms / 1000 + " s"),
    el("span", {}, utc(answer.to)));
}

// one log as a table row; Enter or a click shows the whole document, with a way to follow it
function addLogRow(tbody, hit, atTop) {
  const doc = hit.document || {};
  const row = el("tr", {class: "row", tabindex: "0", "aria-expanded": "false"},
    el("td", {}, utc(doc.timestamp)), el("td", {class: "level level-" + doc.level}, doc.level || ""),
    el("td", {}, doc.service || ""), el("td", {class: "message"}, doc.message || ""));
  const toggle = () => {
    const open = row.nextSibling && row.nextSibling.classList && row.nextSibling.classList.contains("detail");
    if (open) { row.nextSibling.remove(); row.setAttribute("aria-expanded", "false"); return; }
    const follow = el("button", {type: "button", class: "follow"}, "Follow this log");
    follow.addEventListener("click", () => followLog(doc.correlation_id || "", doc.processed_at || ""));
    follow.disabled = !doc.correlation_id;
    const detail = el("tr", {class: "detail"}, el("td", {colspan: "4"},
      el("div", {class: "muted"}, "index " + hit.index + ", id " + hit.id), follow,
      el("pre", {}, JSON.stringify(doc, null, 2))));
    row.after(detail);
    row.setAttribute("aria-expanded", "true");
  };
  row.addEventListener("click", toggle);
  row.addEventListener("keydown", (event) => { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); toggle(); } });
  if (atTop) tbody.prepend(row); else tbody.append(row);
  return row;
}

/* ---------- live tail ---------- */

const tail = {source: null, paused: false, waiting: [], shown: 0, behind: false};
const TAIL_ROWS = 1000;

function startTail() {
  stopTail();
  const params = new URLSearchParams();
  if ($("tail-q").value.trim()) params.set("q", $("tail-q").value.trim());
  if ($("tail-level").value) params.set("level", $("tail-level").value);
  tail.source = new EventSource("/api/tail?" + params);
  tail.source.addEventListener("log", (event) => { tail.waiting.push(JSON.parse(event.data)); });
  tail.source.addEventListener("behind", () => { tail.behind = true; });
  tail.source.addEventListener("unavailable", (event) => { $("tail-status").textContent = JSON.parse(event.data).error; });
  tail.source.onerror = () => { $("tail-status").textContent = "Connection lost; retrying…"; };
  tail.source.onopen = () => { $("tail-status").textContent = "Following new logs."; };
  tail.paused = false;
  $("tail-pause").disabled = false;
  $("tail-pause").textContent = "Pause";
  requestAnimationFrame(drawTail);
}

function stopTail() {
  if (tail.source) tail.source.close();
  tail.source = null;
}

// at most one repaint a frame, however fast logs arrive; the oldest rows go beyond TAIL_ROWS
function drawTail() {
  if (!tail.source) return;
  if (!tail.paused && tail.waiting.length) {
    const tbody = $("tail-list").tBodies[0];
    const batch = tail.waiting.splice(0, tail.waiting.length).slice(-TAIL_ROWS);
    const fragment = document.createDocumentFragment();
    batch.reverse().forEach((hit) => addLogRow(fragment, hit, false));
    tbody.prepend(fragment);
    while (tbody.rows.length > TAIL_ROWS) tbody.deleteRow(-1);
    tail.shown += batch.length;
    $("tail-status").textContent = "Following new logs: " + tail.shown + " shown" +
      (tail.behind ? " (more than the console sends a second: the tail is behind)" : "") + ".";
  } else if (tail.paused) {
    $("tail-status").textContent = "Paused: " + tail.waiting.length + " new logs waiting.";
  }
  requestAnimationFrame(drawTail);
}

/* ---------- follow a log ---------- */

function followLog(correlationId, at) {
  $("trail-id").value = correlationId;
  $("trail-at").value = at || "";
  showPage("trail");
  guarded(runTrail);
}

async function runTrail() {
  const params = new URLSearchParams({correlation_id: $("trail-id").value.trim()});
  if ($("trail-at").value.trim()) params.set("at", $("trail-at").value.trim());
  $("trail-summary").textContent = "Reading Kafka and Elasticsearch…";
  const trail = await api("/api/trail?" + params);
  const scanned = Object.entries(trail.scanned).map(([topic, s]) => topic + " " + s.records + (s.limit_reached ? " (limit reached)" : ""));
  $("trail-summary").textContent = trail.logs.length + " logs with correlation id " + trail.correlation_id +
    "; records read since " + utc(trail.since) + ": " + scanned.join(", ");
  const box = $("trail-result");
  box.replaceChildren();
  trail.logs.forEach((log) => {
    const hops = el("div", {class: "log"}, el("h3", {}, "Log " + log.log_id));
    log.hops.forEach((hop) => hops.append(hopView(hop)));
    box.append(hops);
  });
}

function hopView(hop) {
  const where = hop.hop === "document" ? "index " + hop.index + ", id " + hop.log_id
    : hop.topic + " partition " + hop.partition + " offset " + hop.offset;
  const view = el("div", {class: "hop" + (hop.hop === "dead letter" ? " dead" : "")},
    el("span", {class: "what"}, hop.hop), " ", el("span", {}, utc(hop.time) + " UTC"),
    hop.after_ms !== undefined ? el("span", {class: "muted"}, " (+" + hop.after_ms + " ms)") : "",
    el("div", {class: "muted"}, where));
  if (hop.accepted_at) {
    view.append(el("div", {class: "muted answer"}, "the ingestor's answer: 200, partition " + hop.partition + ", offset " +
      hop.offset + " (accepted " + utc(hop.accepted_at) + " UTC)"));
  }
  if (hop.hop === "dead letter") {
    view.append(el("div", {class: "reason"}, "stage " + hop.stage + ": " + hop.reason),
      el("div", {class: "muted state"}, "state: " + hop.state));
  }
  const details = el("details", {}, el("summary", {}, "record"),
    el("pre", {}, hop.document ? JSON.stringify(hop.document, null, 2) : hop.value));
  view.append(details);
  return view;
}

/* ---------- pipeline ---------- */

let lastPipeline = null;
let pipelineTimer = null;
let alertRules = null;

async function refreshPipeline() {
  clearTimeout(pipelineTimer);
  if (currentPage !== "pipeline") return;
  try {
    if (!alertRules) alertRules = await api("/api/alert-rules");
    const status = await api("/api/pipeline");
    remember(status);
    drawPipeline(status, lastPipeline);
    drawAlerts();
    drawDeadLettersOverTime();
    lastPipeline = status;
    showError("");
  } catch (e) { showError(e.message); }
  pipelineTimer = setTimeout(refreshPipeline, 2000);
}

/* the looks of the last 15 minutes (while the page is open), oldest first: the alert rules'
   windows and hold times, and the dead letters over time, are judged from them */
const HISTORY_MS = 15 * 60 * 1000;
const history = [];
const lookAt = (look) => Date.parse(look.at);

function remember(status) {
  history.push(status);
  while (lookAt(history[0]) < lookAt(status) - HISTORY_MS) history.shift();
}

// one stage's sum of a metric's samples in a look; null when the stage gave no samples then
function stageValue(look, stageName, name) {
  const stage = look.stages.find((s) => s.name === stageName);
  return stage && stage.samples.length ? sampleValue(stage, name) : null;
}

// Prometheus' increase() over the window ending at look `end`: a counter that restarted counts from zero
function increase(name, seconds, end) {
  let growth = 0;
  for (let i = end; i > 0 && lookAt(history[i - 1]) >= lookAt(history[end]) - seconds * 1000; i--) {
    history[i].stages.forEach((stage) => {
      const now = stageValue(history[i], stage.name, name), then = stageValue(history[i - 1], stage.name, name);
      if (now !== null && then !== null) growth += now >= then ? now - then : now;
    });
  }
  return growth;
}

function maxLag(look, group) {
  return look.lag.filter((row) => row.group === group).reduce((max, row) => Math.max(max, row.lag), 0);
}

function windowStart(seconds, end) {
  return history.findIndex((look) => lookAt(look) >= lookAt(history[end]) - seconds * 1000);
}

const minutes = (seconds) => seconds / 60 + " min";

// the window a rule looks back over, or as much of it as the page has seen
function lookedBack(seconds, end) {
  const seen = Math.round((lookAt(history[end]) - lookAt(history[0])) / 1000);
  return seen >= seconds ? "the last " + minutes(seconds) : "the " + seen + " s watched (of " + minutes(seconds) + ")";
}

// what each rule of deploy/monitoring/alerts.yml means, judged at look i with the rule's numbers
const JUDGES = {
  LogFlowStageDown: (rule, i) => {
    const down = history[i].stages.filter((s) => s.health.status !== 200).map((s) => s.name);
    return {holds: down.length > 0, says: down.length ? down.join(", ") + " not answering" : "every stage answers"};
  },
  LogFlowDeadLetters: (rule, i) => {
    const n = rule.metrics.reduce((sum, metric) => sum + increase(metric, rule.window_seconds, i), 0);
    return {holds: n > rule.threshold, says: n + " dead-lettered in " + lookedBack(rule.window_seconds, i)};
  },
  LogFlowConsumerLagGrowing: (rule, i) => {
    const start = windowStart(rule.window_seconds, i);
    const behind = [...new Set(history[i].lag.map((row) => row.group))].filter((group) =>
      maxLag(history[i], group) > rule.threshold && maxLag(history[i], group) > maxLag(history[start], group));
    return {holds: behind.length > 0, says: behind.length ? behind.join(", ") + " over " + rule.threshold
      + " records behind and growing" : "no group over " + rule.threshold + " records behind and growing"};
  },
  LogFlowWriterPaused: (rule, i) => {
    const paused = stageValue(history[i], "storage-writer", rule.metrics[0]);
    return {holds: paused !== null && paused >= rule.threshold, says: paused ? "paused" : "writing"};
  },
  LogFlowBulkRetries: (rule, i) => {
    const n = increase(rule.metrics[0], rule.window_seconds, i);
    return {holds: n > rule.threshold, says: n + " bulk retry rounds in " + lookedBack(rule.window_seconds, i)};
  },
  LogFlowIngestorRejectingForKafka: (rule, i) => {
    const failed = increase(rule.metrics[0], rule.window_seconds, i);
    const received = increase(rule.metrics[1], rule.window_seconds, i);
    const share = received > 0 ? failed / received : 0;
    return {holds: share > rule.threshold, says: (share * 100).toFixed(2) + " % answered 503 (Kafka)"};
  },
  LogFlowIngestorRefusingForMemory: (rule, i) => {
    const perSecond = increase(rule.metrics[0], rule.window_seconds, i) / rule.window_seconds;
    return {holds: perSecond > rule.threshold, says: perSecond.toFixed(2) + " requests a second answered 429 (memory)"};
  },
};

// a rule fires when its condition has held, look after look, for the rule's `for`
function judge(rule) {
  const newest = history.length - 1;
  const now = JUDGES[rule.name](rule, newest);
  let since = now.holds ? lookAt(history[newest]) : null;
  for (let i = newest - 1; since !== null && i >= 0 && lookAt(history[newest]) - since < rule.for_seconds * 1000
      && JUDGES[rule.name](rule, i).holds; i--) since = lookAt(history[i]);
  const firing = since !== null && lookAt(history[newest]) - since >= rule.for_seconds * 1000;
  return {state: firing ? "FIRING" : since !== null ? "pending" : "ok", says: now.says};
}

function drawAlerts() {
  $("alerts").replaceChildren(...alertRules.filter((rule) => JUDGES[rule.name]).map((rule) => {
    const verdict = judge(rule);
    const held = rule.for_seconds ? " (fires after " + minutes(rule.for_seconds) + ")" : "";
    return el("li", {id: "alert-" + rule.name}, el("strong", {class: verdict.state === "FIRING" ? "badly"
      : verdict.state === "pending" ? "pending" : "good"}, verdict.state), " " + rule.name + ": " + verdict.says
      + (verdict.state === "pending" ? held : ""));
  }));
}

// dead letters per stage and reason over the kept looks, one sparkline each
function drawDeadLettersOverTime() {
  const series = new Map();
  history.forEach((look) => look.stages.forEach((stage) => stage.samples
    .filter((sample) => sample.name.endsWith("_dead_letters_total")).forEach((sample) => {
      const reason = (/reason="([^"]*)"/.exec(sample.labels) || [null, "?"])[1];
      const key = stage.name + ": " + reason;
      if (!series.has(key)) series.set(key, []);
      series.get(key).push([lookAt(look), sample.value]);
    })));
  const box = $("dead-letter-chart");
  box.replaceChildren();
  series.forEach((points, key) => {
    const counted = points.map(([at, value]) => [at, Math.max(0, value - points[0][1])]);
    const added = counted[counted.length - 1][1];
    box.append(el("div", {class: "card spark"}, el("div", {}, key),
      el("div", {class: "muted"}, "+" + added + " in " + lookedBack(HISTORY_MS / 1000, history.length - 1)),
      sparkline(counted)));
  });
  if (!series.size) box.append(el("p", {class: "muted"}, "No dead letters counted by the stages since they started."));
}

function sparkline(points) {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  const width = 240, height = 40, end = points[points.length - 1][0], top = Math.max(1, ...points.map((p) => p[1]));
  svg.setAttribute("viewBox", "0 0 " + width + " " + height);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "dead letters over the last 15 minutes, now " + points[points.length - 1][1]);
  const line = document.createElementNS("http://www.w3.org/2000/svg", "polyline");
  line.setAttribute("points", points.map(([at, value]) =>
    ((1 - (end - at) / HISTORY_MS) * width).toFixed(1) + "," + (height - 2 - value / top * (height - 4)).toFixed(1)).join(" "));
  svg.append(line);
  return svg;
}

function sampleValue(stage, name) {
  return stage.samples.filter((s) => s.name === name).reduce((sum, s) => sum + s.value, 0);
}

function drawPipeline(status, before) {
  const seconds = before ? (Date.parse(status.at) - Date.parse(before.at)) / 1000 : 0;
  const box = $("stages");
  box.replaceChildren();
  let paused = null;
  status.stages.forEach((stage) => {
    const old = before && before.stages.find((s) => s.name === stage.name);
    const list = el("dl");
    const ready = stage.ready.status === 200;
    list.append(el("dt", {}, "health"), el("dd", {class: stage.health.status === 200 ? "good" : "badly"},
      stage.health.status === 200 ? "ok" : "down (" + stage.health.status + ")"));
    list.append(el("dt", {}, "ready"), el("dd", {class: ready ? "good ready" : "badly ready"}, ready ? "ready" : "not ready"));
    // counters (with their rate since the last look) and the writer's paused gauge; not the timers' parts
    stage.samples.filter((s) => s.name.endsWith("_total") || s.name === "storage_writer_paused")
      .forEach((sample) => {
        const previous = old && old.samples.find((s) => s.name === sample.name && s.labels === sample.labels);
        const rate = previous && seconds > 0 && sample.name.endsWith("_total")
          ? " (" + ((sample.value - previous.value) / seconds).toFixed(1) + "/s)" : "";
        const labels = sample.labels.replace(/,?stage="[^"]*"/, "").replace("{,", "{").replace("{}", "");
        list.append(el("dt", {}, sample.name.replace(/_total$/, "") + labels), el("dd", {}, sample.value + rate));
      });
    if (stage.name === "storage-writer" && stage.samples.length) paused = sampleValue(stage, "storage_writer_paused") > 0;
    const card = el("div", {class: "card", id: "stage-" + stage.name}, el("h3", {}, stage.name), el("div", {class: "muted"}, stage.url), list);
    if (!ready) card.append(el("p", {class: "muted reason"}, stage.ready.body));
    box.append(card);
  });
  $("pipeline-summary").replaceChildren(el("span", {}, "As of " + utc(status.at) + " UTC. Storage writer: "),
    el("strong", {id: "writer-state", class: paused ? "badly" : "good"},
      paused === null ? "unknown" : paused ? "PAUSED (retrying Elasticsearch)" : "writing"));
  const tbody = $("lag").tBodies[0];
  tbody.replaceChildren();
  status.lag.forEach((row) => tbody.append(el("tr", {}, el("td", {}, row.group), el("td", {}, row.topic),
    el("td", {}, row.partition), el("td", {}, row.committed), el("td", {}, row.end), el("td", {}, row.lag))));
  $("lag-error").hidden = !status.lag_error;
  $("lag-error").textContent = status.lag_error || "";
}

/* ---------- dead letters ---------- */

let dryRunOf = null;

async function loadDeadLetterSummary() {
  const summary = await api("/api/dead-letters");
  const box = $("dlq-summary");
  box.replaceChildren();
  const topics = $("dlq-topic");
  summary.topics.forEach((topic) => {
    if (![...topics.options].some((o) => o.value === topic.topic)) topics.append(el("option", {value: topic.topic}, topic.topic));
    const list = el("dl");
    list.append(el("dt", {}, "total"), el("dd", {}, topic.total), el("dt", {}, "pending"), el("dd", {}, topic.pending));
    Object.entries(topic.pending_by_reason).forEach(([reason, count]) => {
      const pick = el("button", {type: "button", class: "link"}, reason);
      pick.addEventListener("click", () => {
        $("dlq-topic").value = topic.topic;
        $("dlq-reason").value = topic.reason_filters[reason];
        $("dlq-correlation").value = "";
        guarded(showDeadLetters);
      });
      list.append(el("dt", {}, pick), el("dd", {}, count));
    });
    box.append(el("div", {class: "card"}, el("h3", {}, topic.topic), list));
  });
}

function dlqSelection() {
  const chosen = [...document.querySelectorAll("#dlq-records input[type=checkbox]:checked")].map((box) => box.value);
  if (chosen.length) return {keys: chosen};
  const selection = {};
  if ($("dlq-topic").value) selection.topic = $("dlq-topic").value;
  if ($("dlq-reason").value.trim()) selection.reason = $("dlq-reason").value.trim();
  if ($("dlq-correlation").value.trim()) selection.correlation_id = $("dlq-correlation").value.trim();
  if (!selection.reason && !selection.correlation_id) selection.all = true;
  return selection;
}

async function showDeadLetters() {
  const params = new URLSearchParams();
  if ($("dlq-topic").value) params.set("topic", $("dlq-topic").value);
  if ($("dlq-reason").value.trim()) params.set("reason", $("dlq-reason").value.trim());
  if ($("dlq-correlation").value.trim()) params.set("correlation_id", $("dlq-correlation").value.trim());
  const answer = await api("/api/dead-letters/records?" + params);
  const tbody = $("dlq-records").tBodies[0];
  tbody.replaceChildren();
  answer.dead_letters.forEach((letter) => {
    const pick = el("input", {type: "checkbox", value: letter.key, "aria-label": "select " + letter.key});
    const row = el("tr", {class: "row", tabindex: "0"}, el("td", {}, pick), el("td", {}, letter.key),
      el("td", {}, utc(letter.timestamp)), el("td", {}, letter.stage), el("td", {class: "reason"}, letter.reason),
      el("td", {}, letter.state));
    const toggle = (event) => {
      if (event.target === pick) return;
      if (row.nextSibling && row.nextSibling.classList.contains("detail")) { row.nextSibling.remove(); return; }
      row.after(el("tr", {class: "detail"}, el("td", {colspan: "6"},
        el("div", {class: "muted"}, "headers"), el("pre", {}, JSON.stringify(letter.headers, null, 2)),
        el("div", {class: "muted"}, "original bytes (as text" + (letter.value === undefined ? ": not UTF-8, base64 below" : "") + ")"),
        el("pre", {}, letter.value !== undefined ? letter.value : letter.value_base64 || "(none)"))));
    };
    row.addEventListener("click", toggle);
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") toggle(event); });
    tbody.append(row);
  });
  $("dlq-result").textContent = answer.matching + " pending dead letters match" +
    (answer.matching > answer.dead_letters.length ? " (first " + answer.dead_letters.length + " shown)" : "") + ".";
  dryRunOf = null;
  $("dlq-replay").disabled = true;
}

async function dryRun() {
  const selection = dlqSelection();
  const answer = await api("/api/dead-letters/replay", {method: "POST", body: Object.assign({dry_run: true}, selection)});
  dryRunOf = JSON.stringify(selection);
  $("dlq-replay").disabled = false;
  $("dlq-result").replaceChildren(el("span", {}, "Dry run: would replay " + answer.selected + " dead letters."),
    el("pre", {}, answer.said.join("\n")));
}

function confirmed(question) {
  return new Promise((resolve) => {
    const dialog = $("confirm");
    $("confirm-text").textContent = question;
    dialog.addEventListener("close", () => resolve(dialog.returnValue === "yes"), {once: true});
    dialog.showModal();
    $("confirm-no").focus();
  });
}

async function replay() {
  const selection = dlqSelection();
  if (JSON.stringify(selection) !== dryRunOf) { $("dlq-result").textContent = "The selection changed: run the dry run again."; return; }
  if (!await confirmed("Replay these dead letters to the topic each came from? They are marked replayed.")) return;
  const answer = await api("/api/dead-letters/replay", {method: "POST", body: Object.assign({dry_run: false}, selection)});
  $("dlq-result").textContent = "Replayed " + answer.replayed + " dead letters" + (answer.skipped ? ", skipped " + answer.skipped : "") + ".";
  $("dlq-replay").disabled = true;
  dryRunOf = null;
  await loadDeadLetterSummary();
}

async function archive() {
  const selection = dlqSelection();
  if (!await confirmed("Archive these dead letters to a gzip NDJSON file on the console's machine? They stop counting as pending.")) return;
  const answer = await api("/api/dead-letters/archive", {method: "POST", body: selection});
  $("dlq-result").textContent = "Archived " + answer.archived + " dead letters to " + answer.file + ".";
  await loadDeadLetterSummary();
}

/* ---------- audit ---------- */

async function runAudit() {
  const params = new URLSearchParams();
  if ($("audit-since").value.trim()) params.set("since", $("audit-since").value.trim());
  if ($("audit-until").value.trim()) params.set("until", $("audit-until").value.trim());
  $("audit-verdict").textContent = "Reading every topic and the stored ids…";
  const report = await api("/api/audit?" + params);
  const balanced = report.missing_ids.length === 0 && report.duplicate_ids.length === 0 && report.parsed_duplicate_ids.length === 0;
  $("audit-verdict").replaceChildren(el("strong", {class: balanced ? "good" : "badly"}, balanced ? "Balanced" : "Not balanced"),
    el("span", {}, ": " + report.accepted + " accepted, " + report.stored + " stored, " +
      (report.dead_lettered_by_parser + report.dead_lettered_by_writer) + " dead-lettered, " + report.resent + " resent."));
  $("audit-result").textContent = JSON.stringify(report, null, 2);
}

/* ---------- wiring ---------- */

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("#nav button").forEach((button) =>
    button.addEventListener("click", () => showPage(button.dataset.page)));
  $("range").addEventListener("change", () => { $("custom-range").hidden = $("range").value !== "custom"; });
  $("search-form").addEventListener("submit", (event) => { event.preventDefault(); search.page = 0; guarded(runSearch); });
  $("prev").addEventListener("click", () => { search.page--; guarded(runSearch); });
  $("next").addEventListener("click", () => { search.page++; guarded(runSearch); });
  $("tail-form").addEventListener("submit", (event) => { event.preventDefault(); startTail(); });
  $("tail-pause").addEventListener("click", () => {
    tail.paused = !tail.paused;
    $("tail-pause").textContent = tail.paused ? "Resume" : "Pause";
  });
  $("trail-form").addEventListener("submit", (event) => { event.preventDefault(); guarded(runTrail); });
  $("dlq-form").addEventListener("submit", (event) => { event.preventDefault(); guarded(showDeadLetters); });
  $("dlq-dry-run").addEventListener("click", () => guarded(dryRun));
  $("dlq-replay").addEventListener("click", () => guarded(replay));
  $("dlq-archive").addEventListener("click", () => guarded(archive));
  $("audit-form").addEventListener("submit", (event) => { event.preventDefault(); guarded(runAudit); });
  $("login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    guarded(async () => {
      await api("/api/login", {method: "POST", headers: {"Authorization": "Bearer " + $("login-key").value}});
      $("login-key").value = "";
      $("login").hidden = true;
      $("logout").hidden = false;
      showPage(currentPage);
      if (currentPage === "search") await runSearch();
    });
  });
  $("logout").addEventListener("click", () => guarded(async () => {
    await api("/api/logout", {method: "POST"});
    location.reload();
  }));
  guarded(async () => {
    const page = location.hash.slice(1);
    if (await checkSession()) {
      showPage(["search", "tail", "trail", "pipeline", "dlq", "audit"].includes(page) ? page : "search");
      if (currentPage === "search") await runSearch();
    }
  });
});
