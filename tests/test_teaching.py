"""Teaching from a phone: the trainer page on a 360 × 740 screen, and the teaching mode.

Every trainer page in every language: the duration, the audience and the first step's title are
on the first screen; every link of the step list jumps to its step; no table is wider than the
screen unless it scrolls inside its own box. The teaching mode, served and over file://: next and
previous walk every step in order, with the clock times worked out from a chosen start and the
catalog's minutes; its timer counts down; no console error; axe finds nothing serious.
"""

from __future__ import annotations

import pytest

from .test_browser import target_url

PHONE = {"width": 360, "height": 740}
START = "09:40"


def phone_page(browser, url: str, bypass_csp: bool = False):  # noqa: F811
    context = browser.new_context(viewport=PHONE, bypass_csp=bypass_csp)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url, wait_until="load")
    return page, errors


def trainer_pages(catalog: dict) -> list[tuple[dict, str]]:  # noqa: F811
    return [(module, lang) for module in catalog["modules"] for lang in catalog["languages"]]


FIRST_SCREEN = """() => {
  const bottom = element => element ? element.getBoundingClientRect().bottom : Infinity;
  const glance = [...document.querySelectorAll('.rh-glance li')];
  const firstStep = document.querySelector('.rh-steps li a');
  return {
    scrollY: window.scrollY,
    duration: bottom(glance[0]),
    audience: bottom(glance[1]),
    firstStep: bottom(firstStep),
    firstStepText: firstStep ? firstStep.textContent : '',
    glanceText: glance.map(li => li.textContent),
  };
}"""

STEP_LINKS = """async () => {
  const frame = () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const header = document.querySelector('.md-header');
  const covered = header ? header.getBoundingClientRect().bottom : 0;
  const problems = [];
  const links = [...document.querySelectorAll('.rh-steps a')];
  for (const link of links) {
    window.scrollTo(0, 0);
    await frame();
    link.click();
    await frame();
    const id = decodeURIComponent(link.hash.slice(1));
    const target = document.getElementById(id);
    if (!target) { problems.push(`${link.textContent}: no element #${id}`); continue; }
    const top = target.getBoundingClientRect().top;
    if (location.hash !== link.hash) problems.push(`${link.textContent}: address is ${location.hash}`);
    if (top < covered - 1 || top > window.innerHeight / 2) problems.push(`${link.textContent}: step heading at ${Math.round(top)}px`);
    if (!target.textContent.includes(link.textContent.trim())) problems.push(`${link.textContent}: lands on '${target.textContent}'`);
  }
  return {count: links.length, problems};
}"""

WIDE_TABLES = """() => {
  const width = window.innerWidth;
  const scrolls = element => {
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (['auto', 'scroll'].includes(style.overflowX) && node.getBoundingClientRect().right <= width + 1) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('article table')]
    .filter(table => table.scrollWidth > width || table.getBoundingClientRect().right > width + 1)
    .filter(table => !scrolls(table))
    .map(table => table.textContent.trim().slice(0, 60));
}"""


def test_every_trainer_page_starts_with_what_a_trainer_needs_on_a_phone(browser, served: str, catalog: dict):  # noqa: F811
    problems = []
    links = 0
    for module, lang in trainer_pages(catalog):
        url = target_url(served, module["pages"][lang]["trainer"])
        page, errors = phone_page(browser, url)
        where = f"{module['id']} [{lang}]"
        screen = page.evaluate(FIRST_SCREEN)
        for item in ("duration", "audience", "firstStep"):
            if screen[item] > PHONE["height"]:
                problems.append(f"{where}: {item} ends at {screen[item]:.0f}px, below the first screen")
        if str(module["duration_minutes"]) not in screen["glanceText"][0]:
            problems.append(f"{where}: the first line is not the duration: {screen['glanceText'][:1]}")
        first = module["steps"][0]
        if lang == catalog["default_language"] and first["title"] not in screen["firstStepText"]:
            problems.append(f"{where}: the first step shown is '{screen['firstStepText']}'")
        jumps = page.evaluate(STEP_LINKS)
        links += jumps["count"]
        if jumps["count"] != len(module["steps"]):
            problems.append(f"{where}: {jumps['count']} step links for {len(module['steps'])} steps")
        problems += [f"{where}: {problem}" for problem in jumps["problems"]]
        problems += [f"{where}: table wider than the screen: {table}" for table in page.evaluate(WIDE_TABLES)]
        if page.evaluate("document.documentElement.scrollWidth") > PHONE["width"]:
            problems.append(f"{where}: the page scrolls sideways")
        problems += [f"{where}: console: {error}" for error in errors]
        page.context.close()
    assert problems == []
    assert links == sum(len(m["steps"]) for m in catalog["modules"]) * len(catalog["languages"])


def clock(start: str, minutes: int) -> str:
    hours, mins = map(int, start.split(":"))
    total = (hours * 60 + mins + minutes) % 1440
    return f"{total // 60:02d}:{total % 60:02d}"


WALK = """async ({start, forward}) => {
  const frame = () => new Promise(resolve => requestAnimationFrame(resolve));
  const dialog = document.querySelector('dialog.rh-teach');
  const input = dialog.querySelector('[data-teach-start]');
  input.value = start;
  input.dispatchEvent(new Event('change', {bubbles: true}));
  const seen = [];
  const button = dialog.querySelector(forward ? '[data-teach-next]' : '[data-teach-prev]');
  for (;;) {
    seen.push({
      meta: dialog.querySelector('[data-teach-meta]').textContent,
      title: dialog.querySelector('[data-teach-title]').textContent,
      body: dialog.querySelector('[data-teach-body]').textContent.trim().length,
      open: dialog.open,
    });
    if (button.disabled) break;
    button.click();
    await frame();
  }
  return seen;
}"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_teaching_mode_walks_every_step_with_clock_times(browser, catalog: dict, site: str, lang: str):  # noqa: F811
    problems = []
    for module in catalog["modules"]:
        page, errors = phone_page(browser, target_url(site, module["pages"][lang]["trainer"]))
        where = f"{module['id']} [{lang}] {site.split(':')[0]}"
        opener = page.locator("[data-teach-open]")
        if not opener.is_visible():
            problems.append(f"{where}: no teaching-mode button")
            page.context.close()
            continue
        opener.click()
        titles = page.eval_on_selector_all(".rh-step", "steps => steps.map(s => s.dataset.title)")
        forward = page.evaluate(WALK, {"start": START, "forward": True})
        backward = page.evaluate(WALK, {"start": START, "forward": False})
        expected = []
        elapsed = 0
        for step in module["steps"]:
            expected.append(f"{clock(START, elapsed)}–{clock(START, elapsed + step['minutes'])} · {step['minutes']} ")
            elapsed += step["minutes"]
        if [s["title"] for s in forward] != titles or [s["title"] for s in backward] != titles[::-1]:
            problems.append(f"{where}: steps shown out of order: {[s['title'] for s in forward]}")
        if lang == catalog["default_language"] and titles != [step["title"] for step in module["steps"]]:
            problems.append(f"{where}: the steps are not the catalog's")
        for shown, wanted in zip(forward, expected, strict=False):
            if wanted not in shown["meta"]:
                problems.append(f"{where}: '{shown['meta']}' does not say {wanted!r}")
            if not shown["body"]:
                problems.append(f"{where}: step '{shown['title']}' shows no text")
        if len(forward) != len(module["steps"]) or not all(s["open"] for s in forward + backward):
            problems.append(f"{where}: walked {len(forward)} of {len(module['steps'])} steps")
        page.keyboard.press("Escape")
        if page.evaluate("document.querySelector('dialog.rh-teach').open"):
            problems.append(f"{where}: Escape does not close the teaching mode")
        problems += [f"{where}: console: {error}" for error in errors]
        page.context.close()
    assert problems == []


def test_the_timer_counts_down_the_step_and_the_start_is_remembered(browser, served: str, catalog: dict):  # noqa: F811
    module = catalog["modules"][0]
    page, errors = phone_page(browser, target_url(served, module["pages"]["id"]["trainer"]))
    page.clock.install()
    page.reload()
    page.locator("[data-teach-open]").click()
    clock_text = page.locator("[data-teach-clock]")
    minutes = module["steps"][0]["minutes"]
    assert clock_text.text_content() == f"{minutes}:00 tersisa"
    page.locator("[data-teach-timer]").click()
    assert page.locator("[data-teach-timer]").get_attribute("aria-pressed") == "true"
    page.clock.run_for(60_000)
    assert clock_text.text_content() == f"{minutes - 1}:00 tersisa"
    page.clock.run_for(minutes * 60_000)
    assert clock_text.text_content() == "+1:00 lewat"
    page.locator("[data-teach-start]").fill("13:05")
    page.locator("[data-teach-start]").dispatch_event("change")
    page.keyboard.press("Escape")
    page.reload()
    assert page.locator("[data-teach-start]").input_value() == "13:05"
    assert errors == []
    page.context.close()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_teaching_mode_is_accessible(browser, axe_source: str, catalog: dict, site: str, lang: str):  # noqa: F811
    module = next(m for m in catalog["modules"] if m["sensitive"])
    page, errors = phone_page(browser, target_url(site, module["pages"][lang]["trainer"]), bypass_csp=True)
    page.locator("[data-teach-open]").click()
    page.locator("[data-teach-next]").click()
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    serious = [f"{v['id']} ({v['impact']}): {v['help']}" for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == [] and errors == []
    page.context.close()
