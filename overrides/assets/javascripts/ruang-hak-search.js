/*
 * Ruang Hak search: results in the reader's language, Indonesian stemming, glossary
 * synonyms and one-letter typos, working from a web server and from file://.
 *
 * Nothing is loaded until the reader focuses the search box. Then three scripts are
 * added to the page (plain <script> tags work over file://, fetch() does not):
 *   - the stemmer: Snowball's Indonesian stemmer, or lunr's English stemmer;
 *   - search/<lang>.js, written at build time by scripts/kurikulum/site/search.py:
 *     the words of every page in this language (unstemmed), where they occur,
 *     glossary synonym groups, stop words, the stemmer to use and the words to show.
 * The words of the index and of the query are stemmed here, by the same code.
 * Scoring is BM25 over stems; a module's trainer and participant pages count as one
 * result.
 */
(function () {
  "use strict";

  var K1 = 1.2;
  var B = 0.75;
  var SYNONYM_WEIGHT = 0.7;
  var TYPO_WEIGHT = 0.6;
  var PREFIX_WEIGHT = 0.4;
  var MAX_RESULTS = 10;

  // Stemmers by the name the index gives (search.stemmer in the words files); none: words as they are.
  var STEMMERS = {
    indonesian: "snowball-indonesian-stemmer-4.26.1.js",
    english: "lunr-2.3.9.min.js"
  };

  // Words the Snowball (Tala) rules cut too far; everything else goes through the stemmer.
  var STEM_EXCEPTIONS = {
    id: { perempuan: "perempuan", penempatan: "tempat", ditempatkan: "tempat", menempatkan: "tempat" }
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

  function makeStemmer(lang, name) {
    var exceptions = STEM_EXCEPTIONS[lang] || {};
    var stem;
    if (name === "indonesian") {
      var snowball = new window.RuangHakIndonesianStemmer();
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

  function isStopWord(index, word) {
    if (index.stemmer === "english" && !window.lunr.stopWordFilter(new window.lunr.Token(word))) return true;
    return index.stopSet[word] === true;
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

  function Index(data) {
    var lang = data.lang;
    this.lang = lang;
    this.stemmer = data.stemmer;
    this.text = data.text;
    this.docs = data.docs.map(function (d) {
      return { path: d[0], title: d[1], kind: d[2], module: d[3], snippet: d[4], length: d[5], weight: d[6] };
    });
    var total = 0;
    this.docs.forEach(function (d) { total += d.length; });
    this.averageLength = total / Math.max(this.docs.length, 1);
    this.stem = makeStemmer(lang, data.stemmer);
    this.stopSet = {};
    var stopSet = this.stopSet;
    data.stopWords.forEach(function (w) { stopSet[w] = true; });
    this.words = Object.keys(data.words);
    this.wordFrequency = {};
    this.postings = {}; // stem -> {doc: weighted count}
    var self = this;
    this.words.forEach(function (word) {
      var list = data.words[word];
      var stem = self.stem(word);
      var target = self.postings[stem] || (self.postings[stem] = {});
      var frequency = 0;
      for (var i = 0; i < list.length; i += 2) {
        target[list[i]] = (target[list[i]] || 0) + list[i + 1];
        frequency += list[i + 1];
      }
      self.wordFrequency[word] = frequency;
    });
    this.synonyms = data.synonyms.map(function (group) {
      return group.map(function (phrase) { return phrase.split(" "); });
    });
  }

  /* The query's terms with weights: its own words, then glossary synonyms of what it names. */
  Index.prototype.terms = function (query) {
    var self = this;
    var words = tokenize(query);
    var content = words.filter(function (w) { return !isStopWord(self, w); });
    if (content.length) words = content;
    var weights = {};
    words.forEach(function (w) { weights[w] = 1; });
    var present = {};
    words.forEach(function (w) { present[w] = true; });
    this.synonyms.forEach(function (group) {
      var named = group.some(function (phrase) {
        return phrase.every(function (w) { return present[w]; });
      });
      if (!named) return;
      group.forEach(function (phrase) {
        phrase.forEach(function (w) {
          if (!(w in weights) && !isStopWord(self, w)) weights[w] = SYNONYM_WEIGHT;
        });
      });
    });
    return weights;
  };

  /* Postings for one query word: its stem, else words one typo away, else words it begins. */
  Index.prototype.match = function (word) {
    var stem = this.stem(word);
    if (this.postings[stem]) return [[this.postings[stem], 1]];
    var self = this;
    var found = [];
    if (word.length >= 4) {
      var best = null;
      this.words.forEach(function (candidate) {
        if (oneEditApart(word, candidate) && (!best || self.wordFrequency[candidate] > self.wordFrequency[best])) best = candidate;
      });
      if (best) found.push([this.postings[this.stem(best)], TYPO_WEIGHT]);
    }
    if (!found.length && word.length >= 3) {
      var stems = {};
      this.words.forEach(function (candidate) {
        if (candidate.length > word.length && candidate.indexOf(word) === 0) stems[self.stem(candidate)] = true;
      });
      Object.keys(stems).slice(0, 20).forEach(function (s) { found.push([self.postings[s], PREFIX_WEIGHT]); });
    }
    return found;
  };

  Index.prototype.search = function (query) {
    var self = this;
    var scores = {};
    var weights = this.terms(query);
    var count = this.docs.length;
    Object.keys(weights).forEach(function (word) {
      self.match(word).forEach(function (entry) {
        var postings = entry[0];
        var weight = entry[1] * weights[word];
        var docs = Object.keys(postings);
        var idf = Math.log(1 + (count - docs.length + 0.5) / (docs.length + 0.5));
        docs.forEach(function (doc) {
          var tf = postings[doc];
          var norm = tf + K1 * (1 - B + B * self.docs[doc].length / self.averageLength);
          scores[doc] = (scores[doc] || 0) + weight * idf * (tf * (K1 + 1)) / norm;
        });
      });
    });
    Object.keys(scores).forEach(function (doc) { scores[doc] *= self.docs[doc].weight; });
    var ranked = Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; });
    var seenModules = {};
    var results = [];
    ranked.forEach(function (doc) {
      var d = self.docs[doc];
      if (d.module) {
        if (seenModules[d.module]) return;
        seenModules[d.module] = true;
      }
      results.push(d);
    });
    return results;
  };

  var state = { index: null, loading: null };

  function pageLanguage() {
    return document.documentElement.lang || "";
  }

  // The index first: it names the stemmer its words are stemmed with (plain <script> tags work over file://).
  function load(base, lang) {
    if (state.loading) return state.loading;
    var vendor = base + "/assets/javascripts/vendor/";
    state.loading = loadScript(base + "/search/" + lang + ".js")
      .then(function () {
        var data = window.RuangHakSearch[lang];
        return data.stemmer && STEMMERS[data.stemmer] ? loadScript(vendor + STEMMERS[data.stemmer]) : null;
      })
      .then(function () {
        state.index = new Index(window.RuangHakSearch[lang]);
        return state.index;
      });
    return state.loading;
  }

  function href(base, path) {
    var url = base + "/" + path;
    return location.protocol === "file:" ? url : url.replace(/index\.html$/, "");
  }

  function found(text, count) {
    return (count === 1 ? text.found_one : text.found_other).replace("{count}", count);
  }

  function render(container, meta, results, base, text) {
    meta.textContent = results.length ? found(text, results.length) : text.none;
    container.textContent = "";
    results.slice(0, MAX_RESULTS).forEach(function (d) {
      var item = document.createElement("li");
      item.className = "md-search-result__item";
      var link = document.createElement("a");
      link.className = "md-search-result__link";
      link.href = href(base, d.path);
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var heading = document.createElement("h1");
      heading.textContent = d.title;
      var kind = document.createElement("p");
      kind.className = "rh-search-kind";
      kind.textContent = text.kinds[d.kind] || text.kinds.page;
      var snippet = document.createElement("p");
      snippet.textContent = d.snippet;
      article.appendChild(heading);
      article.appendChild(kind);
      article.appendChild(snippet);
      link.appendChild(article);
      item.appendChild(link);
      container.appendChild(item);
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
    var waiting = { loading: meta.getAttribute("data-rh-loading") || "", none: meta.getAttribute("data-rh-none") || "" };

    function run() {
      var query = input.value.trim();
      if (!state.index) return;
      if (!query) {
        meta.textContent = state.index.text.prompt;
        list.textContent = "";
        return;
      }
      render(list, meta, state.index.search(query), base, state.index.text);
      list.setAttribute("data-query", query); // which query the list answers (tests wait for it)
    }

    input.addEventListener("focus", function () {
      if (toggle) toggle.checked = true;
      if (!state.index) meta.textContent = waiting.loading;
      load(base, lang).then(run, function () { meta.textContent = waiting.none; });
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { load(base, lang).then(run); }, 120);
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

  window.RuangHakSearchIndex = Index; // for the relevance benchmark and tests
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
