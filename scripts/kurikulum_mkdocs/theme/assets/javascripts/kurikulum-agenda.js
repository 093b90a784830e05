/*
 * Workshop agenda: the agenda page (rujukan/agenda) in the browser, served or over file://.
 *
 * The page loads, with plain <script> tags, agenda/<lang>.js (written at build time by
 * scripts/kurikulum/site/agenda.py: every module's steps, materials, preparation and handout
 * page counts, the defaults and the words to show) and this file. plan() below is the same
 * arithmetic as scripts/kurikulum/agenda/plan.py, rule for rule, and returns the same data as
 * Plan.as_data(); tests/test_agenda.py runs both on the same inputs and compares them. Keep the
 * two in step: the rules are written once, in plan.py's docstring.
 *
 * Everything shown is built with textContent (no HTML from data); every word comes from the
 * data file. The choice is kept in the address (query string), so the page can be shared.
 */
(function (root) {
  "use strict";

  var DAY_MINUTES = 24 * 60;
  var TIME = /^\s*([0-9]{1,2})[:.]([0-9]{2})\s*$/;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  var COUNT = /^[+-]?[0-9]+$/;
  var FIELDS = ["start", "participants", "group_size", "days", "break_after", "break_minutes", "date"];

  // -- the arithmetic: mirrors scripts/kurikulum/agenda/plan.py -------------------------------

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function clock(minutes) {
    minutes = ((minutes % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
    return pad(Math.floor(minutes / 60)) + ":" + pad(minutes % 60);
  }

  function sum(values) {
    return values.reduce(function (total, value) { return total + value; }, 0);
  }

  function splitDays(durations, days) {
    var counts = [];
    var taken = 0;
    for (var day = 0; day < days; day++) {
      var left = days - day;
      if (left === 1) {
        counts.push(durations.length - taken);
        break;
      }
      var total = sum(durations.slice(taken));
      var length = durations[taken];
      var count = 1;
      while (durations.length - (taken + count) > left - 1) {
        var longer = length + durations[taken + count];
        if (Math.abs(left * longer - total) < Math.abs(left * length - total)) {
          length = longer;
          count += 1;
        } else {
          break;
        }
      }
      counts.push(count);
      taken += count;
    }
    return counts;
  }

  // An ISO date moved by some days, or null; undefined when it leaves the years 1 to 9999.
  function addDays(iso, days) {
    if (!iso) return null;
    var parts = iso.split("-");
    var date = new Date(0);
    date.setUTCFullYear(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2]) + days);
    var year = date.getUTCFullYear();
    if (year < 1 || year > 9999) return undefined;
    return ("000" + year).slice(-4) + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate());
  }

  function materialKey(what, unit) {
    function norm(text) { return text.split(/\s+/).filter(Boolean).join(" ").toLowerCase(); }
    return norm(what) + "\u0000" + norm(unit);
  }

  function materials(sessions, participants, groups) {
    var merged = {};
    var order = [];
    sessions.forEach(function (session) {
      session.materials.forEach(function (material) {
        var what = material[0], count = material[1], unit = material[2], per = material[3];
        var times = per === "person" ? participants : per === "group" ? groups : 1;
        var key = materialKey(what, unit);
        if (!(key in merged)) {
          merged[key] = { what: what, unit: unit, total: 0, rules: [] };
          order.push(key);
        }
        var item = merged[key];
        item.total += count * times;
        var rule = item.rules.filter(function (r) { return r.count === count && r.per === per; })[0];
        if (!rule) {
          rule = { count: count, per: per, times: times, modules: 0 };
          item.rules.push(rule);
        }
        rule.modules += 1;
      });
    });
    return order.map(function (key) { return merged[key]; });
  }

  function printItem(session, participants) {
    var handout = session.handout;
    var perCopy = Math.ceil(handout.a4_pages / 2);
    var booklet = handout.booklet_sheets;
    return {
      module: session.id,
      title: session.title,
      copies: participants,
      a4_pages: handout.a4_pages,
      a4_sheets_per_copy: perCopy,
      a4_sheets: perCopy * participants,
      booklet_pages: handout.booklet_pages,
      booklet_sheets_per_copy: booklet,
      booklet_sheets: booklet === null ? null : booklet * participants,
      a4_path: handout.a4_path,
      booklet_path: handout.booklet_path
    };
  }

  function planDay(number, sessions, choice, totals) {
    var now = choice.start;
    var sinceBreak = 0;
    var rows = [];
    sessions.forEach(function (session, position) {
      var begin = now;
      var steps = [];
      session.steps.forEach(function (step) {
        var title = step[0], minutes = step[1], isBreak = step[2];
        steps.push({ start: clock(now), end: clock(now + minutes), title: title, minutes: minutes, "break": isBreak });
        now += minutes;
        sinceBreak = isBreak ? 0 : sinceBreak + minutes;
      });
      totals.session += now - begin;
      rows.push({
        kind: "session", module: session.id, title: session.title,
        start: clock(begin), end: clock(now), minutes: now - begin, steps: steps
      });
      if (position < sessions.length - 1 && sinceBreak >= choice.break_after) {
        rows.push({ kind: "break", start: clock(now), end: clock(now + choice.break_minutes), minutes: choice.break_minutes });
        now += choice.break_minutes;
        totals.breaks += choice.break_minutes;
        sinceBreak = 0;
      }
    });
    return { day: number + 1, date: addDays(choice.date, number), start: clock(choice.start), end: clock(now), rows: rows };
  }

  // The plan of a checked choice over modules by id: the same data as Plan.as_data() in plan.py.
  function plan(modules, choice) {
    var sessions = choice.modules.map(function (id) { return modules[id]; });
    var groups = Math.ceil(choice.participants / choice.group_size);
    var totals = { session: 0, breaks: 0 };
    var days = [];
    var taken = 0;
    splitDays(sessions.map(function (s) { return s.duration; }), choice.days).forEach(function (count, number) {
      days.push(planDay(number, sessions.slice(taken, taken + count), choice, totals));
      taken += count;
    });
    var prints = sessions.filter(function (s) { return s.handout; }).map(function (s) { return printItem(s, choice.participants); });
    return {
      choice: {
        modules: choice.modules.slice(), start: clock(choice.start), participants: choice.participants,
        group_size: choice.group_size, days: choice.days, break_after: choice.break_after,
        break_minutes: choice.break_minutes, date: choice.date
      },
      groups: groups,
      session_minutes: totals.session,
      break_minutes: totals.breaks,
      days: days,
      materials: materials(sessions, choice.participants, groups),
      preparation: sessions.map(function (s) { return { module: s.id, title: s.title, items: s.preparation }; }),
      prints: prints,
      sheets: {
        a4: sum(prints.map(function (p) { return p.a4_sheets; })),
        booklet: sum(prints.map(function (p) { return p.booklet_sheets || 0; }))
      }
    };
  }

  // -- reading a choice: the checks of choice() in plan.py ---------------------------------------

  function parseTime(text) {
    var match = TIME.exec(text || "");
    if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return null;
    return Number(match[1]) * 60 + Number(match[2]);
  }

  function parseCount(text, most) {
    var value = String(text).trim();
    if (!COUNT.test(value)) return null;
    var number = Number(value);
    return number >= 1 && number <= most ? number : null;
  }

  function parseDate(text) {
    if (!text) return null;
    if (!DATE.test(text)) return undefined;
    var again = addDays(text, 0);
    return again === text ? text : undefined;
  }

  // {choice} or {problem: field name}; raw holds the form's strings by field.
  function readChoice(raw, known, most) {
    if (!raw.modules.length) return { problem: "modules" };
    for (var i = 0; i < raw.modules.length; i++) {
      if (known.indexOf(raw.modules[i]) < 0 || raw.modules.indexOf(raw.modules[i]) !== i) return { problem: "modules" };
    }
    var choice = { modules: raw.modules.slice() };
    choice.start = parseTime(raw.start);
    if (choice.start === null) return { problem: "start" };
    var counts = ["participants", "group_size", "days", "break_after", "break_minutes"];
    for (var c = 0; c < counts.length; c++) {
      choice[counts[c]] = parseCount(raw[counts[c]], most);
      if (choice[counts[c]] === null) return { problem: counts[c] };
    }
    choice.date = parseDate(raw.date);
    if (choice.date === undefined) return { problem: "date" };
    if (choice.days > choice.modules.length) return { problem: "too_many_days" };
    if (addDays(choice.date, choice.days - 1) === undefined) return { problem: "date" };
    return { choice: choice };
  }

  var api = { plan: plan, readChoice: readChoice, clock: clock, splitDays: splitDays };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.KurikulumAgenda = api;
  if (typeof document === "undefined") return;

  // -- the page ----------------------------------------------------------------------------------

  function say(template, params) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, name) {
      return params && name in params ? String(params[name]) : whole;
    });
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function siteBase() {
    var config = document.getElementById("__config");
    try {
      return config ? JSON.parse(config.textContent).base || "." : ".";
    } catch (error) {
      return ".";
    }
  }

  function row(cells, className, header) {
    var tr = element("tr", null, className);
    cells.forEach(function (cell) {
      var td = element(header ? "th" : "td", null, cell.className);
      if (header) td.setAttribute("scope", "col");
      if (cell.node) td.appendChild(cell.node); else td.textContent = cell.text;
      tr.appendChild(td);
    });
    return tr;
  }

  function table(head, rows, className) {
    var wrap = element("div", null, "rh-agenda-table");
    var t = element("table", null, className);
    var thead = element("thead");
    thead.appendChild(row(head, null, true));
    t.appendChild(thead);
    var tbody = element("tbody");
    rows.forEach(function (r) { tbody.appendChild(r); });
    t.appendChild(tbody);
    wrap.appendChild(t);
    return wrap;
  }

  function formatDate(iso, text) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + text.months[Number(parts[1]) - 1] + " " + Number(parts[0]);
  }

  function ruleText(rule, text) {
    var line = say(text.rules[rule.per], { count: rule.count, times: rule.times });
    return rule.modules > 1 ? say(text.in_modules, { rule: line, modules: rule.modules }) : line;
  }

  function amount(item) {
    return (item.total + " " + item.unit).trim();
  }

  function moduleCount(number, text) {
    return say(text.modules_count[number === 1 ? "one" : "other"], { count: number });
  }

  function show(result, text, base, address) {
    var out = document.createDocumentFragment();
    var c = result.choice;
    out.appendChild(element("h2", say(text.summary, {
      modules: moduleCount(c.modules.length, text), participants: c.participants, groups: result.groups
    }), "rh-agenda-summary"));
    out.appendChild(element("p", say(text.totals, { sessions: result.session_minutes, breaks: result.break_minutes })));

    out.appendChild(element("h2", text.schedule));
    result.days.forEach(function (day) {
      var title = day.date
        ? say(text.day_date, { day: day.day, date: formatDate(day.date, text), start: day.start, end: day.end })
        : say(text.day, { day: day.day, start: day.start, end: day.end });
      out.appendChild(element("h3", title));
      var rows = [];
      day.rows.forEach(function (r) {
        if (r.kind === "break") {
          rows.push(row([{ text: r.start + "–" + r.end, className: "rh-agenda-time" }, { text: text["break"] }, { text: String(r.minutes), className: "rh-agenda-num" }], "rh-agenda-break"));
          return;
        }
        rows.push(row([{ text: r.start + "–" + r.end, className: "rh-agenda-time" }, { text: r.title }, { text: String(r.minutes), className: "rh-agenda-num" }], "rh-agenda-session"));
        r.steps.forEach(function (step) {
          rows.push(row([{ text: step.start, className: "rh-agenda-time" }, { text: step.title, className: "rh-agenda-step-title" }, { text: String(step.minutes), className: "rh-agenda-num" }], step["break"] ? "rh-agenda-step rh-agenda-own-break" : "rh-agenda-step"));
        });
      });
      out.appendChild(table([{ text: text.time }, { text: text.activity }, { text: text.minutes, className: "rh-agenda-num" }], rows, "rh-agenda-timetable"));
    });

    out.appendChild(element("h2", text.materials));
    out.appendChild(element("p", say(text.materials_note, { participants: c.participants, groups: result.groups, group_size: c.group_size })));
    out.appendChild(table(
      [{ text: text.amount, className: "rh-agenda-num" }, { text: text.item }, { text: text.basis }],
      result.materials.map(function (item) {
        return row([
          { text: amount(item), className: "rh-agenda-num" },
          { text: item.what },
          { text: item.rules.map(function (rule) { return ruleText(rule, text); }).join("; "), className: "rh-agenda-rules" }
        ], "rh-agenda-material");
      }),
      "rh-agenda-materials"
    ));

    out.appendChild(element("h2", text.print_list));
    out.appendChild(element("p", text.print_note));
    var printRows = result.prints.map(function (item) {
      var link = element("a", item.title);
      link.href = base + "/" + item.a4_path;
      return row([
        { node: link },
        { text: String(item.copies), className: "rh-agenda-num" },
        { text: String(item.a4_pages), className: "rh-agenda-num" },
        { text: item.a4_sheets + " (" + say(text.per_copy, { sheets: item.a4_sheets_per_copy }) + ")", className: "rh-agenda-num" },
        { text: item.booklet_sheets === null ? "–" : item.booklet_sheets + " (" + say(text.per_copy, { sheets: item.booklet_sheets_per_copy }) + ")", className: "rh-agenda-num" }
      ], "rh-agenda-print");
    });
    printRows.push(row([
      { text: text.total },
      { text: String(sum(result.prints.map(function (p) { return p.copies; }))), className: "rh-agenda-num" },
      { text: "" },
      { text: String(result.sheets.a4), className: "rh-agenda-num" },
      { text: String(result.sheets.booklet), className: "rh-agenda-num" }
    ], "rh-agenda-total"));
    out.appendChild(table(
      [{ text: text.handout }, { text: text.copies, className: "rh-agenda-num" }, { text: text.a4_pages, className: "rh-agenda-num" },
       { text: text.a4_sheets, className: "rh-agenda-num" }, { text: text.booklet_sheets, className: "rh-agenda-num" }],
      printRows,
      "rh-agenda-prints"
    ));

    out.appendChild(element("h2", text.preparation));
    result.preparation.forEach(function (module) {
      out.appendChild(element("h3", module.title));
      var list = element("ul", null, "rh-agenda-checklist");
      module.items.forEach(function (item) { list.appendChild(element("li", item)); });
      out.appendChild(list);
    });
    out.appendChild(element("p", text.site_link + ": " + address, "rh-agenda-address"));
    return out;
  }

  function query(choice, defaults) {
    var parts = ["modules=" + choice.modules.map(encodeURIComponent).join(",")];
    if (choice.date) parts.push("date=" + choice.date);
    parts.push("start=" + clock(choice.start));
    parts.push("participants=" + choice.participants);
    ["group_size", "days", "break_after", "break_minutes"].forEach(function (name) {
      if (choice[name] !== defaults[name]) parts.push(name + "=" + choice[name]);
    });
    return parts.join("&");
  }

  function start() {
    var form = document.getElementById("rh-agenda-form");
    if (!form) return;
    var data = (root.KurikulumAgendaData || {})[form.getAttribute("data-lang")];
    if (!data) return;
    var text = data.text;
    var modules = {};
    var known = data.modules.map(function (m) { modules[m.id] = m; return m.id; });
    var status = document.getElementById("rh-agenda-status");
    var result = document.getElementById("rh-agenda-result");
    var share = document.getElementById("rh-agenda-link");
    var base = siteBase();
    var chosen = [];

    function boxes() {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="module"]'));
    }

    function labelOf(name) {
      var label = form.querySelector('label[for="rh-agenda-' + name + '"]');
      return label ? label.textContent : name;
    }

    // The choice in the address: fill the form from it (unknown modules are left out).
    var params = new URLSearchParams(root.location.search);
    (params.get("modules") || "").split(",").forEach(function (id) {
      if (known.indexOf(id) >= 0 && chosen.indexOf(id) < 0) chosen.push(id);
    });
    boxes().forEach(function (box) { box.checked = chosen.indexOf(box.value) >= 0; });
    FIELDS.forEach(function (name) {
      if (params.has(name) && form.elements[name]) form.elements[name].value = params.get(name);
    });

    function update() {
      var raw = { modules: chosen };
      FIELDS.forEach(function (name) { raw[name] = form.elements[name].value; });
      var read = readChoice(raw, known, data.most);
      result.textContent = "";
      if (read.problem) {
        status.textContent = read.problem === "modules" ? text.empty
          : read.problem === "too_many_days" ? say(text.too_many_days, { modules: chosen.length })
          : say(text.invalid, { field: labelOf(read.problem) });
        return;
      }
      var search = "?" + query(read.choice, data.defaults);
      var address = root.location.href.split(/[?#]/)[0] + search;
      share.value = address;
      try {
        root.history.replaceState(null, "", search);
      } catch (error) {
        // Some browsers refuse to change a file:// address: the link field still holds it.
      }
      var planned = plan(modules, read.choice);
      status.textContent = say(text.totals, { sessions: planned.session_minutes, breaks: planned.break_minutes });
      result.appendChild(show(planned, text, base, address));
    }

    form.addEventListener("change", function (event) {
      var box = event.target;
      if (box && box.name === "module") {
        var at = chosen.indexOf(box.value);
        if (box.checked && at < 0) chosen.push(box.value);
        if (!box.checked && at >= 0) chosen.splice(at, 1);
      }
      update();
    });
    form.addEventListener("input", function (event) {
      if (event.target && event.target.name !== "module") update();  // a box is handled on "change"
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    document.getElementById("rh-agenda-print").addEventListener("click", function () { root.print(); });
    share.addEventListener("focus", function () { share.select(); });
    update();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(typeof window !== "undefined" ? window : globalThis);
