"""HTML pages: keep the article's main text, never navigation, scripts, styles or footers.

Page chrome is removed from the tree first (script, style, nav, aside, form, footer, and a
header that is not part of the article), because trafilatura falls back to a whole-page
baseline on short pages and would then keep the menu. trafilatura then finds the main
content (comments excluded, `favor_precision` off so short articles are not cut). When it
finds nothing, a plain lxml pass takes the remaining visible text, one line per block
element.

An element that holds the article (`<article>`, `<main>`, `itemprop="articleBody"`) is
never dropped as chrome, whatever wraps it: some sites put the whole story in an `<aside>`,
a page `<header>` or an ASP.NET `<form>`. When the page declares its article text (JSON-LD
`articleBody`, or the element marked `itemprop="articleBody"`) and that is more than twice
the extracted text, the declared text is used: a page reduced to a photo caption loses the
article without a word otherwise; the headlines of linked articles that the site put between
its paragraphs are dropped from it (`drop_linked_headlines`). When the extracted text is still
a small share of the page's visible text, a warning says so.

Lines that are page furniture rather than article text are dropped wherever they appear:
link labels ("Read more: ...", a bare "Related"), letter-to-the-editor prompts, newsletter
sign-ups, editorial-standards footers and photo credits (`_BOILERPLATE_LINE`).

Metadata: title from `og:title`, else `<title>`, else trafilatura's guess, else the first
line of the text, without a trailing site name or date (" | DW | 19.01.2020"). The date is
the page's own: the JSON-LD of its main article, its `article:published_time`-style meta
tags or a date its title ends with, before trafilatura's guess (which can take a related
article's date). Author, site name and canonical URL from trafilatura's metadata or the
matching `<meta>` tags.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from qa.errors import DependencyMissingError, LoadError
from qa.ingest.cleaning import clean_title, guess_title
from qa.ingest.loaders import LoadResult
from qa.types import Document, IngestWarning

# lxml refuses str input that still carries an XML encoding declaration; it is moot once decoded.
_XML_DECL = re.compile(r"\A\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")
_HOLDS_ARTICLE = ".//article or .//main or .//*[@itemprop='articleBody']"
_DROP_XPATH = "|".join(
    [f"//{tag}" for tag in ("script", "style", "noscript", "template", "svg", "iframe", "head", "button", "select")]
    + [f"//{tag}[not({_HOLDS_ARTICLE})]" for tag in ("nav", "footer", "aside", "form")]
    # an element scripted to act as a button (a gallery opener titled with another story's headline) is a control
    + [f"//*[@role='button'][not({_HOLDS_ARTICLE})]"]
    + [f"//header[not(ancestor::article or ancestor::main) and not({_HOLDS_ARTICLE})]"]
)
# Short elements classed as a date label: "date", "pubdate", "timestamp", "article__date", "dateline".
_DATE_LABEL_XPATH = ("//*[re:test(@class, '(^|[-_\\s])(date|pubdate|published|timestamp|dateline)([-_\\s]|$)', 'i')]"
                     "[string-length(normalize-space(.)) < 60]")
# Reader comments and author boxes, by the class and id names blog and news templates give them (WordPress's
# "comment-list", "comment-respond", "pingback"; Disqus; "author-bio"): trafilatura keeps some of them as text
# ("Reply", "Pingback: ...", "Recent Posts" and their headlines), since they sit inside the article's element.
_COMMENTS_XPATH = (
    "//*[(re:test(@class, '(^|\\s)(comment-list|commentlist|comments-area|comments-section|comment-section|"
    "comment-respond|comment-body|pingback|abh_box|author-box|author-bio|about-author)(\\s|$)', 'i') or "
    "re:test(@id, '^(comments|respond|disqus_thread)$', 'i')) and not(" + _HOLDS_ARTICLE + ")]"
)
# The declared article text replaces the extracted one when it is this many times longer.
_DECLARED_BODY_FACTOR = 2.0
# Extracted text under this share of the visible text (of a page with at least _MIN_VISIBLE_CHARS)
# is reported: the article may have been lost.
_SMALL_SHARE = 0.15
_MIN_VISIBLE_CHARS = 3000
# JSON-LD blocks larger than this are not parsed (a hostile page could nest them deeply).
_MAX_JSON_LD_CHARS = 2_000_000
_ARTICLE_TYPES = re.compile(r"article|posting|report", re.I)
_DATE_META = ("article:published_time", "og:published_time", "datePublished", "date", "pubdate", "publishdate",
              "DC.date.issued", "dcterms.date", "dc.date", "sailthru.date", "parsely-pub-date")

# A linked article's headline in a declared body (`drop_linked_headlines`): this many words at least, at most
# this many characters; the page's standalone texts and JSON strings it is looked up among.
_MIN_HEADLINE_WORDS = 5
_MAX_HEADLINE_CHARS = 300
_ELEMENT_TEXT = re.compile(r">([^<>]{20,300})<")
_JSON_STRING = re.compile(r'"((?:[^"\\\n]|\\.){20,300})"')
_SENTENCE_START = re.compile(r"\A\s*|(?<=[.!?])\s+|(?<=[.!?][\"”’)])\s+|\n\s*")
_WORD = re.compile(r"\S+")
_SENTENCE_END_CHARS = frozenset(".!?:;")

# Page furniture, dropped wherever it stands (each line is tested whole, so prose is untouched):
_BOILERPLATE_LINE = re.compile(
    r"^(?:"
    # link labels to other stories: "Read more: ...", "Related", "See also: ..."
    r"(?:read more|read also|also read|more on this(?: story)?|see also|related(?: articles?| stories| content| coverage)?|"
    r"recommended(?: stories)?|more from [\w .'-]{1,40}|you (?:may|might) also like)\s*(?:[:\-–—|>»]\s*.{0,200})?|"
    # letters and comments prompts
    r"(?:submit|send)(?: us)? (?:your|a) letter\b.{0,200}|"
    # newsletter sign-ups: "Sign up to get ...", "Example Newsletter"
    r"sign up\b.{0,150}|(?:[\w'’-]+ ){0,4}newsletters?\W*|"
    # editorial-standards footers ("Our Standards: ...", "... Trust Principles.")
    r"our (?:editorial )?standards\s*:.{0,150}|.{0,120}\btrust principles\W*|"
    # teasers of other stories and videos behind a label: "MORE: Black-led group strikes deal ...", "WATCH: ..."
    r"(?:more|watch|listen|trending|popular|top stories|must read|don'?t miss|editors?'?s? picks?)\s*:\s+.{0,200}|"
    # app and player prompts, social follow prompts, subscription pitches, galleries
    r".{0,120}\bclick here\b.{0,200}|"
    r"follow us\s*:.{0,200}|follow (?:us|[\w .'’@-]{1,60}?) on (?:twitter|facebook|instagram|tiktok|youtube|linkedin|threads|whatsapp|x)\b.{0,300}|"
    r".{0,200}\b(?:subscription|subscribe)\s+(?:today|now)\W*|subscribe to [\w .'’-]{1,60} to \w+ this \w+\W*|"
    r".{0,250}\bsign up (?:here|now|today)\W*|.{0,150}\balready an? subscriber\b.{0,200}|"
    r".{0,150}\balready an? member\b.{0,100}\b(?:log|sign)\s?in\b.{0,100}|"
    r"we want to hear what you think\b.{0,250}|"
    r"[\w .,'’-]{1,80} in pictures\W*|show all \d+\W*|"
    # copyright lines: "© 2022, Example.com. ...", "Copyright 2023 Example Corp. All rights reserved."
    r"(?:©|\(c\)|copyright\s*(?:©\s*)?(?:\d{4}|©)).{0,300}|"
    # photo credits: "Photo: X/Agency", "Image credit: X", "(Photo by X)", "X/Getty Images"
    r"\(?(?:photo|image|picture|photograph|illustration|foto|bild)s?(?: credits?| by| courtesy(?: of)?)?\s*[:©]?\s*"
    r"(?:by\s)?[^.!?]{0,80}?(?:/|via |© ?)[^.!?]{0,60}\)?|"
    r"\(?(?:photo|image|picture)s? (?:by|courtesy of|credits?:?) [^.!?]{1,80}\)?|"
    r"\(?credits?\s*:\s*[^.!?]{1,80}\)?|"
    r"[^.!?]{0,80}/ ?(?:getty images|afp|reuters|ap photo|ap|epa(?:-efe)?|shutterstock|alamy|dpa|imago|xinhua|picture alliance)"
    r"(?: via getty images)?\)?"
    r")$",
    re.I,
)
# Furniture that only its capitals tell from prose: a bulleted link to another story behind a capitalised
# label ("- A SIMPLE GUIDE: How do I protect myself?"), and a line ending on a sign-up button's label
# ("Get the Daily Edition by email and never miss our top stories Free Sign Up").
_CASED_FURNITURE_LINE = re.compile(
    r"^(?:[-•*]\s*[A-Z][A-Z0-9 '’&/-]{2,40}:\s.{0,150}|.{0,200}\b(?:Sign Up|Subscribe Now)\W*|"
    # a byline standing on its own line: "By Nada Tawfik, BBC News, New York", "By EARYEL BOWLEG", and the
    # reporter's title under it ("Tribune Staff Reporter", "Senior Correspondent")
    r"By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:\s*(?:,|\s+and)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}){0,3}\s*|"
    r"(?:[A-Z][\w'’-]*\s+){0,3}(?:Staff|Senior|Chief|Contributing|Special|Political|Foreign)\s+"
    r"(?:Reporter|Writer|Correspondent|Editor)s?)$"
)
# Lines that only give a reporter's e-mail address, or when the page was posted ("Posted: Thursday, April 21, 2022.
# 10:11 pm CST."): byline metadata, not article text.
_METADATA_LINE = re.compile(
    r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|"
    r"(?:posted|published|updated|last updated)(?:\s+on)?\s*:?\s*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(?:[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+|\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+|\d{1,2}[/.]\d{1,2}[/.])?"
    r"(?:19|20)\d\d\b[\w ,.:/-]{0,30})$",
    re.I,
)
# Words that mix Latin and Cyrillic letters ("Аdvеrtіѕе wіth") are written to slip past filters: advertising,
# not prose. A line with this many of them is dropped.
_MIXED_SCRIPT_WORD = re.compile(r"\b(?=\w*[A-Za-z])(?=\w*[\u0400-\u04FF])\w+\b")
_MIXED_SCRIPT_WORDS = 3
# A label of a few words, a colon, then the rest of the line (`drop_link_teasers`).
_TEASER_LINE = re.compile(r"^(?P<label>[^:.!?]{2,60}):\s+(?P<link>.{10,250})$")
# Title separators before a site name or a date: "Story | Site", "Story - Site", "Story » Site".
_TITLE_SEPARATOR = re.compile(r"\s+[|–—»›•·:]\s+|\s+-\s+")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ]\d)")
_TITLE_DATE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$")
_BLOCKS = frozenset(
    "address article blockquote body dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li main "
    "ol p pre section summary table tbody td tfoot th thead tr ul".split()
)


def parse(data: bytes, text: str | None, *, doc_id: str, path: Path, content_hash: str) -> LoadResult:
    """One `Document` with the page's main text and whatever metadata the page declares."""
    if text is None:
        raise LoadError("not a text file")
    try:
        import trafilatura
        from lxml import html as lxml_html
    except ImportError as exc:  # pragma: no cover - both are core dependencies
        raise DependencyMissingError("HTML ingest needs trafilatura and lxml", hint="pip install trafilatura lxml") from exc
    markup = _XML_DECL.sub("", text)
    try:
        tree = lxml_html.document_fromstring(markup)
    except Exception as exc:  # lxml raises ParserError/ValueError on pages with no elements
        raise LoadError(f"not parseable HTML ({type(exc).__name__})") from exc

    meta = _metadata(trafilatura, markup)
    linked_data = json_ld_objects(tree)
    source = meta.get("sitename") or _meta_tag(tree, "og:site_name")
    raw_title = _meta_tag(tree, "og:title") or _title_tag(tree) or meta.get("title") or ""
    site_names = [source, meta.get("sitename"), _domain(meta.get("url") or _meta_tag(tree, "og:url"))]
    title = clean_title(strip_site_suffix(raw_title, site_names))
    published_at = page_date(tree, linked_data) or title_date(raw_title) or meta.get("date")
    url = meta.get("url") or _meta_tag(tree, "og:url")
    author = meta.get("author") or _meta_tag(tree, "author")
    body_tree = join_drop_caps(strip_chrome(copy.deepcopy(tree)))
    body = trafilatura.extract(
        copy.deepcopy(body_tree),  # trafilatura edits the tree it is given
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_precision=False,
        with_metadata=False,
        deduplicate=False,
    ) or ""
    warnings: list[IngestWarning] = []
    declared = declared_body(tree, linked_data)
    if len(declared.strip()) >= _DECLARED_BODY_FACTOR * len(body.strip()) and declared.strip():
        body = drop_linked_headlines(declared, page_strings(markup))
    elif body.strip():
        visible = len(fallback_text(copy.deepcopy(body_tree)))
        if visible >= _MIN_VISIBLE_CHARS and len(body) < _SMALL_SHARE * visible:
            warnings.append(IngestWarning(str(path), f"extracted {len(body):,} of {visible:,} visible characters; "
                                                     "the article text may be incomplete"))
    if not body.strip():
        body = fallback_text(body_tree)
    body = drop_link_teasers(drop_boilerplate_lines(body), link_texts(tree))
    if not body.strip():
        raise LoadError("no text found in the HTML page")

    doc = Document(
        doc_id=doc_id,
        text=body,
        title=title or guess_title(body),
        source=source,
        published_at=published_at,
        url=url,
        author=author,
        path=str(path),
        content_hash=content_hash,
    )
    return LoadResult([doc], warnings)


def page_strings(markup: str) -> frozenset[str]:
    """Every short text of the page that stands whole: an element's text (`>text<`) or a JSON string value
    (`"text"`, escapes decoded), whitespace collapsed. Link labels are among them, wherever the page keeps
    its links (in its HTML, or in a script's JSON state as many news sites do)."""
    import html as html_entities

    found: set[str] = set()
    for m in _ELEMENT_TEXT.finditer(markup):
        found.add(_WS.sub(" ", html_entities.unescape(m.group(1))).strip())
    for m in _JSON_STRING.finditer(markup):
        try:
            value = json.loads(m.group(0))
        except ValueError:
            continue
        found.add(_WS.sub(" ", value).strip())
    return frozenset(t for t in found if len(t.split()) >= _MIN_HEADLINE_WORDS)


def drop_linked_headlines(body: str, strings: frozenset[str]) -> str:
    """`body` (a page's declared article text, often one run of sentences) without the headlines of linked
    articles that the site's markup put between its paragraphs ("... livelihood. Tsai says Beijing must face
    reality that Taiwan is 'independent country' But again, ...").

    Such a headline starts where a sentence ends, ends without a full stop right before a capitalised word,
    has at least `_MIN_HEADLINE_WORDS` words, and is a whole text of its own elsewhere in the page (the label
    of its link). Prose is kept: a sentence ends with its punctuation, and a link inside a sentence is only
    part of it.
    """
    if not strings:
        return body
    cuts: list[tuple[int, int]] = []
    for start in _SENTENCE_START.finditer(body):
        words = list(_WORD.finditer(body, start.end(), min(len(body), start.end() + _MAX_HEADLINE_CHARS)))
        for i in range(len(words) - 1):
            word, following = words[i].group(), words[i + 1].group()
            if word[-1] in _SENTENCE_END_CHARS:
                break  # the sentence ended: it was prose, not a headline
            if i + 1 < _MIN_HEADLINE_WORDS:
                continue
            if following[:1].isupper() or (not following[0].isalnum() and following[1:2].isupper()):
                if " ".join(w.group() for w in words[: i + 1]) in strings:
                    cuts.append((words[0].start(), words[i + 1].start()))
                    break
    if not cuts:
        return body
    kept, position = [], 0
    for begin, end in cuts:  # in order and disjoint: each starts after the previous one's sentence ended
        kept.append(body[position:begin])
        position = max(position, end)
    kept.append(body[position:])
    return "".join(kept)


def link_texts(tree: Any) -> frozenset[str]:
    """The whole text of every link of the page with at least `_MIN_HEADLINE_WORDS` words, whitespace collapsed."""
    texts = (_WS.sub(" ", a.text_content()).strip() for a in tree.iter("a"))
    return frozenset(t for t in texts if len(t.split()) >= _MIN_HEADLINE_WORDS)


def drop_link_teasers(body: str, links: frozenset[str]) -> str:
    """`body` without the lines that only point to another page: a short label, a colon, and the whole text of a
    link ("RSVP for our panel on 11/9: Trust, Pact or Section 9? A Conversation on the Future of NYCHA"). A sentence
    that quotes a link's words goes on, or has no label before them."""
    if not links:
        return body
    kept = []
    for line in body.split("\n"):
        m = _TEASER_LINE.match(line.strip())
        if not (m and m.group("link").strip() in links):
            kept.append(line)
    return "\n".join(kept)


def strip_chrome(tree: Any) -> Any:
    """Remove scripts, styles, navigation, asides, forms, page headers/footers, date labels, reader comments
    and author boxes (`_COMMENTS_XPATH`), in place.

    A short element whose class names it a date ("ngart-hl__date", "timestamp") is byline
    metadata, often inline right after the standfirst, where its text would be glued to the
    last sentence ("... recovery?Monday, 6 January 2020"); the page's date is read separately.
    """
    for el in tree.xpath(_DROP_XPATH):
        el.drop_tree()  # keeps the element's tail text, which belongs to the parent
    for el in tree.xpath(_DATE_LABEL_XPATH, namespaces={"re": "http://exslt.org/regular-expressions"}):
        el.drop_tree()
    for el in tree.xpath(_COMMENTS_XPATH, namespaces={"re": "http://exslt.org/regular-expressions"}):
        if el.getparent() is not None:  # not inside a comment block dropped already
            el.drop_tree()
    return tree


def drop_boilerplate_lines(text: str) -> str:
    """`text` without the lines that are page furniture (`_BOILERPLATE_LINE`, `_CASED_FURNITURE_LINE`, lines of
    words mixing Latin and Cyrillic letters)."""
    return "\n".join(line for line in text.split("\n") if not is_furniture(line))


def is_furniture(line: str) -> bool:
    """Whether one line of extracted text is page furniture rather than article text."""
    line = line.strip()
    if len(line) <= 300 and (_BOILERPLATE_LINE.match(line) or _CASED_FURNITURE_LINE.match(line)
                             or _METADATA_LINE.match(line)):
        return True
    return len(_MIXED_SCRIPT_WORD.findall(line)) >= _MIXED_SCRIPT_WORDS


def join_drop_caps(tree: Any) -> Any:
    """Put a drop cap back on its word, in place: a magazine layout sets the first letter of the story in an
    element of its own before the paragraph (`<span>T</span><p><a>urkey</a>, Poland ...`), which extraction
    would keep as a stray line and leave "urkey" behind."""
    for el in tree.xpath("//*[string-length(normalize-space(.)) = 1 and not(*)]"):
        letter = (el.text or "").strip()
        following = el.getnext()
        if len(letter) != 1 or not letter.isupper() or following is None or following.tag not in _BLOCKS:
            continue
        rest = following.text_content().lstrip()
        if not rest[:1].islower() or (el.tail or "").strip():
            continue
        following.text = letter + (following.text or "").lstrip()
        el.drop_tree()
    return tree


def strip_site_suffix(title: str, site_names: list[str | None]) -> str:
    """'Story | DW | 19.01.2020' -> 'Story': trailing parts that are the site's name, a date or a short label.

    A trailing part goes when it is a date, names the site (its name or domain, compared without
    case and spaces), or, after " | ", is a capitalised label of at most three words, shorter than
    what stays (three words at least): "| DW" goes, "| Tax dollars" stays.
    A leading part goes only when it is exactly the site's name ("Site | Story").
    """
    names = {_squash(n) for n in site_names if n and _squash(n)}
    parts = _TITLE_SEPARATOR.split(title.strip())
    separators = _TITLE_SEPARATOR.findall(title.strip())
    if len(parts) > 1 and names and _squash(parts[0]) in names and len(" ".join(parts[1:]).split()) >= 2:
        parts.pop(0)  # "Site | Story"
        separators.pop(0)
    while len(parts) > 1:
        last = parts[-1].strip()
        kept_words = sum(len(p.split()) for p in parts[:-1])
        squashed = _squash(last)
        is_site = bool(names) and (squashed in names or any(n in squashed for n in names if len(n) >= 4)
                                   or (len(squashed) >= 5 and any(squashed in n for n in names)))
        short_label = (separators[-1].strip() in "|»›•·" and len(last.split()) <= min(3, kept_words - 1)
                       and kept_words >= 3 and all(not w[:1].islower() for w in last.split()))
        if not (is_site or _TITLE_DATE.match(last) or short_label):
            break
        parts.pop()
        separators.pop()
    return "".join(p + (separators[i] if i < len(separators) else "") for i, p in enumerate(parts)).strip()


def title_date(title: str) -> str | None:
    """The date a title ends with, as ISO: 'Story | DW | 10.06.2013' -> '2013-06-10'.

    Sites that put a date in the title put the page's own; dotted dates are day.month.year.
    """
    parts = _TITLE_SEPARATOR.split(title.strip())
    if len(parts) < 2:
        return None
    m = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$|^(\d{4})-(\d{2})-(\d{2})$", parts[-1].strip())
    if not m:
        return None
    day, month, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


def json_ld_objects(tree: Any) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks (`@graph` lists flattened); unreadable blocks skipped."""
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = script.text or ""
        if not raw.strip() or len(raw) > _MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                objects.append(item)
                if isinstance(item.get("@graph"), list):
                    stack.extend(reversed(item["@graph"]))
    return objects


def declared_body(tree: Any, linked_data: list[dict[str, Any]]) -> str:
    """The article text the page declares: JSON-LD `articleBody`, or the element marked `itemprop="articleBody"`."""
    candidates = [o["articleBody"] for o in linked_data if isinstance(o.get("articleBody"), str)]
    for el in tree.xpath("//*[@itemprop='articleBody']")[:3]:
        candidates.append(fallback_text(copy.deepcopy(el)))
    return max(candidates, key=len, default="")


def page_date(tree: Any, linked_data: list[dict[str, Any]]) -> str | None:
    """The page's own publication date: its main article's JSON-LD, else its date meta tags."""
    candidates: list[Any] = []
    for obj in linked_data:
        kind = obj.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds):
            candidates.append(obj.get("datePublished") or obj.get("dateCreated"))
    candidates.extend(_meta_tag(tree, name) for name in _DATE_META)
    candidates.extend(el.get("datetime") or el.get("content")
                      for el in tree.xpath("//*[@itemprop='datePublished'][@datetime or @content]")[:1])
    for value in candidates:
        # only ISO dates are taken as they stand; other forms are left to trafilatura's parser
        if isinstance(value, str) and _ISO_DATE.match(value.strip()):
            return value.strip()
    return None


def _squash(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold().removeprefix("www."))


def _domain(url: str | None) -> str | None:
    """'https://en.example.org/x' -> 'en.example' (the host without www. and its top-level domain)."""
    m = re.match(r"^[a-z]+://(?:www\.)?([^/:]+)", url or "", re.I)
    return m.group(1).rsplit(".", 1)[0] if m else None


def fallback_text(tree: Any) -> str:
    """Visible text of a parsed page without chrome, one line per block element (edits `tree`)."""
    from lxml import etree

    strip_chrome(tree)
    parts: list[str] = []
    for event, el in etree.iterwalk(tree, events=("start", "end")):
        is_element = isinstance(el.tag, str)  # comments and processing instructions are not
        tag = el.tag.lower() if is_element else ""
        if event == "start":
            if tag in _BLOCKS or tag == "br":
                parts.append("\n")
            if is_element and el.text:
                parts.append(_WS.sub(" ", el.text))
        else:
            if tag in _BLOCKS:
                parts.append("\n")
            if el.tail and el is not tree:
                parts.append(_WS.sub(" ", el.tail))
    lines = (line.strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _metadata(trafilatura: Any, markup: str) -> dict[str, str]:
    """trafilatura's metadata as plain strings; a page it cannot read has none."""
    try:
        meta = trafilatura.extract_metadata(markup)
    except Exception:  # metadata is optional: a parse failure must not lose the article
        return {}
    if meta is None:
        return {}
    out: dict[str, str] = {}
    for key in ("title", "author", "date", "sitename", "url"):
        value = getattr(meta, key, None)
        if value:
            out[key] = _WS.sub(" ", str(value)).strip()
    return out


def _meta_tag(tree: Any, name: str) -> str | None:
    for el in tree.xpath("//meta[@property=$n or @name=$n]", n=name):
        content = (el.get("content") or "").strip()
        if content:
            return _WS.sub(" ", content)
    return None


def _title_tag(tree: Any) -> str | None:
    title = tree.findtext(".//title")
    return _WS.sub(" ", title).strip() if title and title.strip() else None
