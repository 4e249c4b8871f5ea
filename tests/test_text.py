"""Page furniture removal and sentence splitting on the seed corpus."""

from __future__ import annotations

from glossary.reader import Document, read_document
from glossary.text import repeated_lines, split_sentences

from .conftest import SEEDS

FURNITURE = [
    "إضافة تعليق",
    "لن يتم نشر عنوان بريدك",
    "ملفات تعريف الارتباط",
    "يمكنك ايضا ان تقرأ",
    "شاركها على منصتك",
    "كاتبة وصحفية",
    "Bannière",
    "زر الذهاب إلى الأعلى",
    "انهيار حائط",  # a "read also" teaser
    "هيئة التحرير",
]


def _seed_sentences() -> list[str]:
    docs = [read_document(p) for p in sorted(SEEDS.glob("*.txt"))]
    texts = [d.text for d in docs if isinstance(d, Document)]
    repeated = repeated_lines(texts)
    return [s.text for t in texts for s in split_sentences(t, repeated)]


def test_seed_sentences_hold_no_page_furniture() -> None:
    sentences = _seed_sentences()
    assert len(sentences) > 50
    for marker in FURNITURE:
        assert not any(marker in s for s in sentences), marker
    assert not any(s.strip().isdigit() for s in sentences)


def test_article_sentences_are_kept_with_their_offsets() -> None:
    text = (
        "عنوان المقال\n\nجاء لقاء عبد اللطيف حموشي مع نظيره. وتناولت المحادثات الإرهاب؟ نعم!\n133\n"
    )
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == [
        "عنوان المقال",
        "جاء لقاء عبد اللطيف حموشي مع نظيره.",
        "وتناولت المحادثات الإرهاب؟",
        "نعم!",
    ]
    for s in sentences:
        assert text[s.start : s.start + len(s.text)] == s.text


def test_a_read_also_link_in_the_middle_does_not_end_the_article() -> None:
    """News sites put "read also" links inside articles: the link goes, the rest stays
    (a blind set lost half of each article when the link was taken for the page's end)."""
    text = (
        "وقال الوزير إن التعاون الأمني بين المغرب وفرنسا يعرف دينامية جديدة في مجالات عديدة.\n"
        "اقرأ أيضا:\n"
        "بوريطة يستقبل السفير الفرنسي\n"
        "لفتيت في باريس\n"
        "وأضاف أن البلدين سيعقدان اجتماعا رفيع المستوى في الأشهر المقبلة بالعاصمة الفرنسية.\n"
        "اقرأ أيضاً: حموشي يستقبل مدير الأمن الداخلي الفرنسي\n"
        "وختم بأن الشراكة مستمرة.\n"
        "التعليقات\n"
        "تعليق طويل من قارئ لا علاقة له بالمقال ولكنه يكتب الكثير من الكلمات هنا والآن.\n"
    )
    assert [s.text for s in split_sentences(text)] == [
        "وقال الوزير إن التعاون الأمني بين المغرب وفرنسا يعرف دينامية جديدة في مجالات عديدة.",
        "وأضاف أن البلدين سيعقدان اجتماعا رفيع المستوى في الأشهر المقبلة بالعاصمة الفرنسية.",
        "وختم بأن الشراكة مستمرة.",
    ]


def test_a_marker_word_inside_a_paragraph_does_not_end_the_article() -> None:
    """التعليقات (comments) ends the article on a line of its own, not inside a sentence."""
    text = (
        "وأعلنت المديرية العامة للأمن الوطني توقيف المشتبه فيه بعد تحقيق دام أسابيع في المدينة.\n"
        "وقد تفاعل رواد مواقع التواصل الاجتماعي مع الخبر، وكثرت التعليقات حول سرعة تدخل "
        "عناصر الشرطة القضائية التي حجزت الهواتف والمبالغ المالية المتحصلة من النصب.\n"
        "وتواصل النيابة العامة أبحاثها.\n"
        "التعليقات\n"
        "تعليق طويل من قارئ لا علاقة له بالمقال ولكنه يكتب الكثير من الكلمات هنا والآن.\n"
    )
    kept = [s.text for s in split_sentences(text)]
    assert kept[-1] == "وتواصل النيابة العامة أبحاثها."
    assert any("وكثرت التعليقات" in s for s in kept)


def test_share_buttons_comment_links_and_rights_lines_are_furniture() -> None:
    """Share buttons sit above the article as often as below: the line goes, the article
    stays (as a tail marker, شارك المقال cut whole articles in two blind sets)."""
    first = "وأعلنت المديرية العامة للأمن الوطني توقيف ثلاثة أشخاص يشتبه في تورطهم في شبكة للتهريب."
    second = "وأكد المصدر أن البحث متواصل تحت إشراف النيابة العامة المختصة لتحديد باقي المتورطين."
    lines = [
        "شارك المقال",
        first,
        "شارك الخبر",
        second,
        "شمال بريس 24 © 2025 | جميع الحقوق محفوظة",
        "أضف تعليقك",
    ]
    assert [s.text for s in split_sentences("\n".join(lines))] == [first, second]
