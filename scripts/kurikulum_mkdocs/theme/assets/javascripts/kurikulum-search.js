/*
 * Search: results in the reader's language, Indonesian stemming, glossary
 * synonyms and one-letter typos, each result quoting the page where the query's words meet;
 * working from a web server, from file:// and inside a ZIM.
 *
 * Nothing is loaded until the reader focuses the search box. Then plain <script> tags are
 * added to the page (they work over file://, where the fetch API does not), each file written at build
 * time by scripts/kurikulum/site/search.py:
 *   - search/<lang>.js, the dictionary: the pages, every word of this language's pages
 *     (unstemmed) grouped by the shard holding its postings, glossary synonym groups, stop
 *     words, the stemmer to use and the words to show;
 *   - the stemmer it names: Snowball's Indonesian stemmer, or lunr's English stemmer;
 *   - for each query, the shards of the words it names (search/<lang>/<version>/w<N>.js);
 *   - when the reader pauses, the passages the results quote (.../p<page>-<block>.js).
 * The words of the dictionary and of the query are stemmed here, by the same code.
 * Scoring is BM25 over stems, with a bonus for a word in the title or a heading and for
 * query words that meet in one passage; a module's trainer and participant pages make one
 * result, with a link to each.
 */
(function () {
  "use strict";

  var K1 = 1.2;
  var B = 0.75;
  var SYNONYM_WEIGHT = 0.7;
  var TYPO_WEIGHT = 0.6;
  var PREFIX_WEIGHT = 0.4;
  var PREFIX_WORDS = 5; // completions tried for a word not (yet) in the dictionary: the most frequent ones
  var TITLE_BONUS = 0.5; // per query word in the page title, times its idf: on top of the text's score
  var HEADING_BONUS = 0.5; // per query word in a heading (at most two counted), times its idf
  var MEET_BONUS = 0.6; // times the idf of the query words found together in one passage (two or more)
  var HEADING_PASSAGE = 0.5; // a passage whose heading holds the word quotes better
  var MAX_RESULTS = 10;
  var TYPING_PAUSE = 30; // ms: keys typed faster than this make one search
  var QUOTE_PAUSE = 250; // ms without typing before quotes not yet loaded are fetched: none for the words between
  var QUOTE_LENGTH = 220; // characters of a passage shown around the matched words

  // Stemmers by the name the index gives (search.stemmer in the words files); none: words as they are.
  var STEMMERS = {
    indonesian: "snowball-indonesian-stemmer-4.26.1.js",
    english: "lunr-2.3.9.min.js"
  };

  function config() {
    var element = document.getElementById("__config");
    return element ? JSON.parse(element.textContent) : { base: "." };
  }

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function tokenize(text) {
    return fold(text).match(/[a-z0-9]+/g) || [];
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(script);
    });
  }

  function makeStemmer(name, exceptions) {
    var stem;
    if (name === "indonesian") {
      var snowball = new window.KurikulumIndonesianStemmer();
      stem = function (word) { return snowball.stemWord(word); };
    } else if (name === "english") {
      stem = function (word) { return window.lunr.stemmer(new window.lunr.Token(word)).toString(); };
    } else {
      stem = function (word) { return word; };
    }
    var cache = {};
    return function (word) {
      if (!(word in cache)) cache[word] = exceptions[word] || (/^[0-9]+$/.test(word) ? word : stem(word));
      return cache[word];
    };
  }

  /* One edit apart: a letter wrong, missing, extra, or two neighbours swapped. */
  function oneEditApart(a, b) {
    if (a === b) return false;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true;
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  /* The index of one language: the dictionary now, shards and passages as queries need them. */
  function Index(data, loader) {
    var self = this;
    this.lang = data.lang;
    this.stemmer = data.stemmer;
    this.text = data.text;
    this.load = loader; // name in the version folder -> Promise of its data
    this.blockPassages = data.blockPassages;
    this.docs = data.docs.map(function (d, number) {
      return {
        number: number, path: d[0], title: d[1], kind: d[2], module: d[3], length: d[4],
        weight: data.kindWeight[d[2]] || 1
      };
    });
    var total = 0;
    this.docs.forEach(function (d) { total += d.length; });
    this.averageLength = total / Math.max(this.docs.length, 1);
    this.stem = makeStemmer(data.stemmer, data.stemExceptions || {});
    this.stopSet = {};
    data.stopWords.forEach(function (w) { self.stopSet[w] = true; });
    this.words = []; // every word, most frequent first within a shard
    this.shardOf = {};
    this.frequency = {};
    this.family = {}; // stem -> its words
    data.shards.forEach(function (list, shard) {
      var classes = data.frequency[shard];
      list.split(" ").forEach(function (word, i) {
        if (!word) return;
        self.words.push(word);
        self.shardOf[word] = shard;
        self.frequency[word] = parseInt(classes.charAt(i), 36);
        var stem = self.stem(word);
        (self.family[stem] || (self.family[stem] = [])).push(word);
      });
    });
    this.synonyms = data.synonyms.map(function (group) {
      return group.map(function (phrase) { return phrase.split(" "); });
    });
    this.shards = {}; // shard number -> {word: postings}
    this.blocks = {}; // "doc-block" -> its passages
    this.pending = {}; // file name -> Promise of its data, while it loads
  }

  /* A file of the version folder, loaded once however many searches ask for it meanwhile. */
  Index.prototype.loadFile = function (name) {
    var self = this;
    if (!this.pending[name]) {
      this.pending[name] = this.load(name).then(function (data) {
        delete self.pending[name];
        return data;
      }, function (error) {
        delete self.pending[name];
        throw error;
      });
    }
    return this.pending[name];
  };

  Index.prototype.isStopWord = function (word) {
    if (this.stemmer === "english" && !window.lunr.stopWordFilter(new window.lunr.Token(word))) return true;
    return this.stopSet[word] === true;
  };

  /* The query's words with weights: its own words, then glossary synonyms of what it names. */
  Index.prototype.terms = function (query) {
    var self = this;
    var words = tokenize(query);
    var content = words.filter(function (w) { return !self.isStopWord(w); });
    if (content.length) words = content;
    var weights = {};
    words.forEach(function (w) { weights[w] = 1; });
    var own = Object.keys(weights);
    this.synonyms.forEach(function (group) {
      var named = group.some(function (phrase) {
        return phrase.every(function (w) { return weights[w] === 1; });
      });
      if (!named) return;
      group.forEach(function (phrase) {
        // A phrase stands for one word of the query: its words share the weight.
        var content = phrase.filter(function (w) { return !self.isStopWord(w); });
        content.forEach(function (w) {
          if (weights[w] !== 1) weights[w] = Math.max(weights[w] || 0, SYNONYM_WEIGHT / content.length);
        });
      });
    });
    return { weights: weights, own: own };
  };

  /* The dictionary words one query word stands for, with a weight: its stem's family, else the
     commonest word one typo away, else the commonest words it begins. */
  Index.prototype.expand = function (word) {
    var self = this;
    var family = this.family[this.stem(word)];
    if (family) return [{ words: family, weight: 1 }];
    if (word.length >= 4) {
      var best = null;
      this.words.forEach(function (candidate) {
        if (oneEditApart(word, candidate) && (!best || self.frequency[candidate] > self.frequency[best])) best = candidate;
      });
      if (best) return [{ words: this.family[this.stem(best)], weight: TYPO_WEIGHT }];
    }
    if (word.length < 3) return [];
    var completions = this.words.filter(function (candidate) {
      return candidate.length > word.length && candidate.indexOf(word) === 0;
    });
    completions.sort(function (a, b) { return self.frequency[b] - self.frequency[a] || (a < b ? -1 : 1); });
    var stems = {};
    var found = [];
    completions.forEach(function (candidate) {
      var stem = self.stem(candidate);
      if (found.length >= PREFIX_WORDS || stems[stem]) return;
      stems[stem] = true;
      found.push({ words: self.family[stem], weight: PREFIX_WEIGHT });
    });
    return found;
  };

  /* Every (query word, dictionary words) pair a query needs, and the shards that hold them. */
  Index.prototype.plan = function (query) {
    var self = this;
    var terms = this.terms(query);
    var parts = [];
    Object.keys(terms.weights).forEach(function (word) {
      self.expand(word).forEach(function (entry) {
        parts.push({ word: word, words: entry.words, weight: entry.weight * terms.weights[word], own: terms.weights[word] === 1 });
      });
    });
    var shards = {};
    parts.forEach(function (part) {
      part.words.forEach(function (w) { shards[self.shardOf[w]] = true; });
    });
    return { parts: parts, shards: Object.keys(shards).map(Number) };
  };

  Index.prototype.loadShards = function (numbers) {
    var self = this;
    return Promise.all(numbers.map(function (n) {
      if (self.shards[n]) return self.shards[n];
      return self.loadFile("w" + n).then(function (data) { self.shards[n] = data; return data; });
    }));
  };

  /* One part's postings merged over its words: doc -> {tf, title, headings, passages: {n: inHeading}}. */
  Index.prototype.postings = function (part) {
    var merged = {};
    var self = this;
    part.words.forEach(function (word) {
      var list = self.shards[self.shardOf[word]][word] || [];
      var doc = 0;
      for (var i = 0; i < list.length;) {
        doc += list[i];
        var entry = merged[doc] || (merged[doc] = { tf: 0, title: false, headings: 0, passages: {} });
        entry.tf += list[i + 1];
        entry.title = entry.title || (list[i + 2] & 1) === 1;
        entry.headings += list[i + 2] >> 1;
        var count = list[i + 3];
        var passage = 0;
        for (var j = 0; j < count; j++) {
          var code = list[i + 4 + j];
          passage += code >> 1;
          entry.passages[passage] = entry.passages[passage] || (code & 1) === 1;
        }
        i += 4 + count;
      }
    });
    return merged;
  };

  function inverse(count, frequency) {
    return Math.log(1 + (count - frequency + 0.5) / (frequency + 0.5));
  }

  /* Results for a query whose shards are loaded: one per module (or page), best first. */
  Index.prototype.rank = function (plan) {
    var self = this;
    var count = this.docs.length;
    var scores = {};
    var meets = {}; // doc -> passage -> {word: its weight × idf} for the query's own words
    var matched = {}; // doc -> passage -> {own, weight}, for choosing the quote
    plan.parts.forEach(function (part) {
      var postings = self.postings(part);
      var docs = Object.keys(postings);
      var inTitle = docs.filter(function (doc) { return postings[doc].title; }).length;
      var inHeading = docs.filter(function (doc) { return postings[doc].headings > 0; }).length;
      // Each field has its own idf: a word most pages use can still be rare, and telling, in titles.
      var idf = inverse(count, docs.length);
      var titleIdf = inverse(count, inTitle);
      var headingIdf = inverse(count, inHeading);
      docs.forEach(function (doc) {
        var entry = postings[doc];
        var d = self.docs[doc];
        var norm = entry.tf + K1 * (1 - B + B * d.length / self.averageLength);
        var score = idf * entry.tf * (K1 + 1) / norm;
        if (entry.title) score += TITLE_BONUS * titleIdf;
        score += HEADING_BONUS * headingIdf * Math.min(entry.headings, 2);
        scores[doc] = (scores[doc] || 0) + part.weight * score;
        var where = matched[doc] || (matched[doc] = {});
        var meet = meets[doc] || (meets[doc] = {});
        Object.keys(entry.passages).forEach(function (p) {
          // The quote holds as many of the query's own words as one passage can (a heading counts more),
          // then what weighs most: synonyms, typos and completions only break ties.
          var heading = entry.passages[p] ? 1 + HEADING_PASSAGE : 1;
          var at = where[p] || (where[p] = { own: 0, weight: 0 });
          if (part.own) at.own += heading;
          at.weight += part.weight * idf * heading;
          if (part.own) {
            var at = meet[p] || (meet[p] = {});
            at[part.word] = Math.max(at[part.word] || 0, part.weight * idf);
          }
        });
      });
    });
    // Query words that meet in one passage (a phrase, or words about one thing): the best such passage adds
    // the idf of the words that meet there.
    Object.keys(scores).forEach(function (doc) {
      var best = 0;
      var meet = meets[doc];
      Object.keys(meet).forEach(function (p) {
        var words = Object.keys(meet[p]);
        if (words.length < 2) return;
        var sum = 0;
        words.forEach(function (w) { sum += meet[p][w]; });
        best = Math.max(best, sum);
      });
      scores[doc] = (scores[doc] + MEET_BONUS * best) * self.docs[doc].weight;
    });
    var ranked = Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    var byModule = {};
    var results = [];
    ranked.forEach(function (doc) {
      var d = self.docs[doc];
      var result = d.module ? byModule[d.module] : null;
      if (!result) {
        result = { best: d, pages: [], passage: null, score: scores[doc] };
        if (d.module) byModule[d.module] = result;
        results.push(result);
        var where = matched[doc];
        var passage = null;
        Object.keys(where).forEach(function (p) {
          var a = where[p], b = passage === null ? null : where[passage];
          if (!b || a.own > b.own || (a.own === b.own && (a.weight > b.weight || (a.weight === b.weight && +p < +passage)))) passage = p;
        });
        result.passage = passage === null ? null : +passage;
      }
      result.pages.push(d);
    });
    // The other page of a module is linked even when the query did not match it.
    this.docs.forEach(function (d) {
      var result = d.module && byModule[d.module];
      if (result && result.pages.indexOf(d) < 0) result.pages.push(d);
    });
    results.forEach(function (result) {
      result.pages.sort(function (a, b) { return (a.kind === "trainer" ? 0 : 1) - (b.kind === "trainer" ? 0 : 1); });
      var trainer = result.pages.filter(function (d) { return d.kind === "trainer"; })[0];
      result.title = (trainer || result.best).title;
    });
    return results;
  };

  Index.prototype.search = function (query) {
    var self = this;
    var plan = this.plan(query);
    return this.loadShards(plan.shards).then(function () {
      var results = self.rank(plan);
      results.stems = {}; // every stem the query reached: marked in the quotes
      results.typed = {}; // the stems of the words as typed: a quote starts near one of them
      plan.parts.forEach(function (part) {
        part.words.forEach(function (w) { results.stems[self.stem(w)] = true; });
        if (part.own) results.typed[self.stem(part.word)] = true;
      });
      return results;
    });
  };

  /* The passage a result quotes ([heading, text, anchor]) if its block is loaded, else null. */
  Index.prototype.loadedPassage = function (doc, number) {
    var block = this.blocks[doc.number + "-" + Math.floor(number / this.blockPassages)];
    return block ? block[number % this.blockPassages] : null;
  };

  /* The same, loading its block. */
  Index.prototype.passage = function (doc, number) {
    var self = this;
    var key = doc.number + "-" + Math.floor(number / this.blockPassages);
    if (this.blocks[key]) return Promise.resolve(this.blocks[key][number % this.blockPassages]);
    return this.loadFile("p" + key).then(function (data) {
      self.blocks[key] = data;
      return data[number % self.blockPassages];
    });
  };

  var state = { index: null, loading: null };

  function pageLanguage() {
    return document.documentElement.lang || "";
  }

  // The index first: it names the stemmer its words are stemmed with (plain <script> tags work over file://).
  function load(base, lang) {
    if (state.loading) return state.loading;
    var vendor = base + "/assets/javascripts/vendor/";
    var store = function () { return window.KurikulumSearch; };
    state.loading = loadScript(base + "/search/" + lang + ".js")
      .then(function () {
        var data = store()[lang];
        return data.stemmer && STEMMERS[data.stemmer] ? loadScript(vendor + STEMMERS[data.stemmer]) : null;
      })
      .then(function () {
        var data = store()[lang];
        var folder = base + "/search/" + data.folder + "/";
        state.index = new Index(data, function (name) {
          return loadScript(folder + name + ".js").then(function () {
            var key = lang + ":" + name;
            var value = store()[key];
            delete store()[key];
            return value;
          });
        });
        return state.index;
      });
    return state.loading;
  }

  // Pages are linked as folders ("modul/x/") only where the site itself is read that way: over
  // file://, in the offline kit and inside a ZIM (Kiwix has no folders) a page is its index.html.
  var FILE_LINKS = location.protocol === "file:" || /\.html$/.test(location.pathname);

  function href(base, path, anchor) {
    var url = base + "/" + path;
    url = FILE_LINKS ? url : url.replace(/index\.html$/, "");
    return anchor ? url + "#" + anchor : url;
  }

  function found(text, count) {
    return (count === 1 ? text.found_one : text.found_other).replace("{count}", count);
  }

  /* Text with the words whose stem the query named in <mark>, built as DOM nodes (never HTML). */
  function appendMarked(parent, text, isMatch) {
    var word = /[0-9A-Za-z\u00c0-\u024f]+/g;
    var last = 0;
    var match;
    while ((match = word.exec(text))) {
      if (!isMatch(match[0])) continue;
      if (match.index > last) parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      var mark = document.createElement("mark");
      mark.textContent = match[0];
      parent.appendChild(mark);
      last = match.index + match[0].length;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /* At most QUOTE_LENGTH characters of a passage's text, starting shortly before the first word as typed
     in the query (else the first match). */
  function excerpt(text, isMatch, isTyped) {
    if (text.length <= QUOTE_LENGTH) return text;
    var word = /[0-9A-Za-z\u00c0-\u024f]+/g;
    var first = -1;
    var match;
    while ((match = word.exec(text))) {
      if (isTyped(match[0])) { first = match.index; break; }
      if (first < 0 && isMatch(match[0])) first = match.index;
    }
    var start = first < 0 ? 0 : Math.max(0, first - 50);
    if (start > 0) {
      var space = text.indexOf(" ", start);
      start = space >= 0 && space < first ? space + 1 : start;
    }
    var end = Math.min(text.length, start + QUOTE_LENGTH);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      end = cut > start ? cut : end;
    }
    return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
  }

  function quote(element, passage, result, found, index, base) {
    var isMatch = function (w) { return found.stems[index.stem(fold(w))] === true; };
    var isTyped = function (w) { return found.typed[index.stem(fold(w))] === true; };
    element.textContent = "";
    var link = document.createElement("a");
    link.href = href(base, result.best.path, passage[2]);
    if (passage[0]) {
      var heading = document.createElement("strong");
      appendMarked(heading, passage[0], isMatch);
      link.appendChild(heading);
      if (passage[1]) link.appendChild(document.createTextNode(" — "));
    }
    appendMarked(link, excerpt(passage[1], isMatch, isTyped), isMatch);
    element.appendChild(link);
  }

  function render(container, meta, results, base, index) {
    var text = index.text;
    meta.textContent = results.length ? found(text, results.length) : text.none;
    container.textContent = "";
    var quotes = [];
    results.slice(0, MAX_RESULTS).forEach(function (result) {
      var item = document.createElement("li");
      item.className = "md-search-result__item rh-search-result";
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var heading = document.createElement("h1");
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = href(base, result.best.path);
      link.textContent = result.title;
      heading.appendChild(link);
      article.appendChild(heading);
      var snippet = document.createElement("p");
      snippet.className = "rh-search-quote";
      article.appendChild(snippet);
      var pages = document.createElement("p");
      pages.className = "rh-search-kind";
      result.pages.forEach(function (d, i) {
        if (i) pages.appendChild(document.createTextNode(" · "));
        var page = document.createElement("a");
        page.href = href(base, d.path);
        page.textContent = text.kinds[d.kind] || text.kinds.page;
        pages.appendChild(page);
      });
      article.appendChild(pages);
      item.appendChild(article);
      container.appendChild(item);
      if (result.passage !== null) quotes.push({ element: snippet, result: result });
    });
    return quotes;
  }

  /* Fill in the quotes: at once from passages already loaded, the rest once typing pauses. */
  function fillQuotes(quotes, found, index, base, settled, done) {
    var missing = quotes.filter(function (q) {
      var passage = index.loadedPassage(q.result.best, q.result.passage);
      if (passage) quote(q.element, passage, q.result, found, index, base);
      return !passage;
    });
    if (!missing.length) return done();
    settled().then(function (current) {
      if (!current) return null;
      return Promise.all(missing.map(function (q) {
        return index.passage(q.result.best, q.result.passage).then(function (passage) {
          if (current() && passage) quote(q.element, passage, q.result, found, index, base);
        }, function () { return null; });
      })).then(function () { if (current()) done(); });
    });
  }

  function setup() {
    var input = document.querySelector("[data-rh-search-input]");
    var list = document.querySelector("[data-rh-search-results]");
    var meta = document.querySelector("[data-rh-search-meta]");
    var toggle = document.getElementById("__search");
    if (!input || !list || !meta) return;
    var base = config().base.replace(/\/$/, "") || ".";
    var lang = pageLanguage();
    var timer = null;
    var lastInput = 0;
    var waiting = { loading: meta.getAttribute("data-rh-loading") || "", none: meta.getAttribute("data-rh-none") || "" };

    function isCurrent(query) {
      return function () { return input.value.trim() === query; };
    }

    // Resolves once the reader has not typed for QUOTE_PAUSE ms (with null if the query changed meanwhile).
    function settled(query) {
      return function () {
        return new Promise(function (resolve) {
          (function wait() {
            var left = lastInput + QUOTE_PAUSE - performance.now();
            if (!isCurrent(query)()) resolve(null);
            else if (left > 0) setTimeout(wait, left);
            else resolve(isCurrent(query));
          })();
        });
      };
    }

    function run() {
      var query = input.value.trim();
      var index = state.index;
      if (!index) return;
      if (!query) {
        meta.textContent = index.text.prompt;
        list.textContent = "";
        list.removeAttribute("data-query");
        return;
      }
      index.search(query).then(function (results) {
        if (!isCurrent(query)()) return;
        var quotes = render(list, meta, results, base, index);
        list.removeAttribute("data-quoted");
        list.setAttribute("data-query", query); // which query the list answers (tests wait for it)
        fillQuotes(quotes, results, index, base, settled(query), function () {
          if (isCurrent(query)()) list.setAttribute("data-quoted", query);
        });
      }, function () { meta.textContent = waiting.none; });
    }

    input.addEventListener("focus", function () {
      if (toggle) toggle.checked = true;
      if (!state.index) meta.textContent = waiting.loading;
      load(base, lang).then(run, function () { meta.textContent = waiting.none; });
    });
    input.addEventListener("input", function () {
      lastInput = performance.now();
      clearTimeout(timer);
      timer = setTimeout(function () { load(base, lang).then(run); }, TYPING_PAUSE);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        if (toggle) toggle.checked = false;
        input.blur();
      } else if (event.key === "Enter") {
        event.preventDefault();
        var first = list.querySelector("a");
        if (first) first.click();
      }
    });
    input.form.addEventListener("submit", function (event) { event.preventDefault(); });
  }

  window.KurikulumSearchIndex = Index; // for the relevance benchmark and tests
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
