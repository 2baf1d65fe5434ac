package vn.onedesk.gateway.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import vn.onedesk.gateway.support.Browser;

/**
 * What a person would check on a screen, as assertions: nothing overflows its box, and every Vietnamese
 * letter on the page is drawn with its marks by the font the page asked for (not a missing-glyph box).
 */
final class Layout {
    /** Every visible element whose content is wider than its box, and a page wider (or taller) than the screen. */
    private static final String OVERFLOWS = """
            const mustFitHeight = arguments[0];
            const bad = [];
            const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                + (typeof e.className === 'string' && e.className.trim()
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
            for (const e of document.body.querySelectorAll('*')) {
              if (e.closest('svg, script, style, template') || e.getClientRects().length === 0) continue;
              if (getComputedStyle(e).visibility === 'hidden') continue;
              const text = () => ' "' + e.textContent.trim().replace(/\\s+/g, ' ').slice(0, 80) + '"';
              if (e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 1) {
                bad.push(describe(e) + ': scrollWidth ' + e.scrollWidth + ' > clientWidth ' + e.clientWidth + text());
              }
              // A screen nobody scrolls: content that a box clips at the bottom is content nobody can read.
              const overflowY = getComputedStyle(e).overflowY;
              if (mustFitHeight && (overflowY === 'hidden' || overflowY === 'clip')
                  && e.clientHeight > 0 && e.scrollHeight > e.clientHeight + 1) {
                bad.push(describe(e) + ': clips its content, scrollHeight ' + e.scrollHeight + ' > clientHeight '
                    + e.clientHeight + text());
              }
            }
            const root = document.documentElement;
            if (root.scrollWidth > window.innerWidth + 1) {
              bad.push('the page is wider than the window: ' + root.scrollWidth + ' > ' + window.innerWidth);
            }
            if (mustFitHeight && root.scrollHeight > window.innerHeight + 1) {
              bad.push('the screen scrolls: ' + root.scrollHeight + ' > ' + window.innerHeight);
            }
            return bad;
            """;

    /**
     * For each font the page uses for text with non-ASCII letters, draws every such letter on a canvas in
     * that font and compares it with a missing glyph and with its unaccented base letter.
     */
    private static final String GLYPHS = """
            const done = arguments[arguments.length - 1];
            document.fonts.ready.then(() => {
              const byFont = new Map();
              for (const e of document.body.querySelectorAll('*')) {
                if (e.getClientRects().length === 0 || e.closest('script, style, template')) continue;
                const cs = getComputedStyle(e);
                if (cs.visibility === 'hidden') continue;
                for (const n of e.childNodes) {
                  if (n.nodeType !== Node.TEXT_NODE) continue;
                  for (const ch of n.textContent) {
                    if (ch > '\\u007f' && /\\p{L}/u.test(ch)) {
                      const font = cs.fontStyle + ' ' + cs.fontWeight + ' 64px ' + cs.fontFamily;
                      if (!byFont.has(font)) byFont.set(font, new Set());
                      byFont.get(font).add(ch);
                    }
                  }
                }
              }
              const draw = (font, text) => {
                const c = document.createElement('canvas');
                c.width = 160; c.height = 160;
                const x = c.getContext('2d');
                x.font = font; x.textBaseline = 'middle'; x.fillText(text, 30, 80);
                return c.toDataURL();
              };
              const problems = [];
              let checked = 0;
              for (const [font, chars] of byFont) {
                const missing = draw(font, '\\u{10FFFD}');
                for (const ch of chars) {
                  checked++;
                  const img = draw(font, ch);
                  const base = ch.normalize('NFD')[0];
                  if (img === missing) problems.push(ch + ' is a missing glyph in ' + font);
                  else if (base !== ch && img === draw(font, base)) problems.push(ch + ' loses its marks in ' + font);
                }
              }
              done({status: document.fonts.status, checked: checked, fonts: [...byFont.keys()], problems: problems});
            });
            """;

    private Layout() {
    }

    /** Asserts that no visible element overflows; a display (mustFitHeight) must not scroll either. */
    static void assertNothingOverflows(Browser page, String where, boolean mustFitHeight) {
        @SuppressWarnings("unchecked")
        List<String> overflows = (List<String>) page.js(OVERFLOWS, mustFitHeight);
        assertEquals(List.of(), overflows, where + " at " + page.width() + "×" + page.height() + ": overflowing text");
    }

    /** Asserts the page is UTF-8 and every non-ASCII letter it shows renders with its marks; returns the count. */
    static long assertVietnameseRenders(Browser page, String where) {
        assertEquals("UTF-8", page.js("return document.characterSet"), where);
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) page.jsAsync(GLYPHS);
        assertEquals("loaded", result.get("status"), where + ": fonts " + result);
        assertEquals(List.of(), result.get("problems"), where + ": " + result);
        long checked = ((Number) result.get("checked")).longValue();
        assertTrue(checked > 0, where + ": no Vietnamese letters on the page at all: " + result);
        return checked;
    }

    /** The page's visible text, as a person reads it. */
    static String visibleText(Browser page) {
        return (String) page.js("return document.body.innerText");
    }
}
