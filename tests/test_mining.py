"""Candidate extraction, recognition and grouping, on small texts and on the seeds."""

from __future__ import annotations

from glossary.mined import MinedEntry, SentenceText
from glossary.mining import Miner
from glossary.termhood import c_values, count_candidates
from glossary.units import CliticSegmenter, make_units, phrases


def _mine(*sentences: str) -> dict[str, MinedEntry]:
    corpus = [SentenceText(0, i, s, 0) for i, s in enumerate(sentences)]
    return {e.ar: e for e in Miner(corpus).mine()}


def _phrases(text: str) -> list[list[str]]:
    segment = CliticSegmenter([], [], [])
    return [[u.surface for u in run] for run in phrases(make_units(text, 0, segment))]


def test_phrases_never_cross_punctuation() -> None:
    runs = _phrases("لقاء حموشي، المدير العام: الأمن (الوطني) والتعاون")
    assert runs == [["لقاء", "حموشي"], ["المدير", "العام"], ["الأمن"], ["الوطني"], ["والتعاون"]]


def test_the_word_lexicon_attests_a_stem_the_corpus_never_writes_alone() -> None:
    """A short text may write الغرامات only as بالغرامات: the word lexicon knows غرامة, so
    the ب is cut and the term found; names stay whole (بنكيران is no ب + نكيران)."""
    segment = CliticSegmenter([], [], [])
    assert segment("بالغرامات") == ("ب", "الغرامات")
    assert segment("بنكيران") == ("", "بنكيران")
    entries = _mine("وانتصبت إدارة الجمارك طرفا مدنيا للمطالبة بالغرامات الجمركية المستحقة.")
    assert entries["الغرامات الجمركية"].equivalents[0].fr == "amendes douanières"


def test_dates_and_connectives_never_rank_as_terms() -> None:
    """News repeats سنة 2024 and ومن جهته as often as any term: neither is one."""
    from glossary.shapes import term_shaped

    assert not term_shaped(("سنه", "2024"), {})
    assert not term_shaped(("حسب", "معطيات", "اوليه"), {})
    assert not term_shaped(("ومن", "جهته"), {})
    assert term_shaped(("تبادل", "معلومات"), {})


def test_candidates_never_start_or_end_with_a_function_word() -> None:
    segment = CliticSegmenter([], [], [])
    units = make_units("التعاون بين المغرب وفرنسا في مجال الأمن", 0, segment)
    stats = count_candidates([(0, run) for run in phrases(units)])
    edges = {"بين", "في"}
    assert stats, "some candidates"
    for words in stats:
        assert words[0] not in edges and words[-1] not in edges
        assert len(words) <= 7


def test_c_value_discounts_terms_seen_only_inside_longer_ones() -> None:
    segment = CliticSegmenter([], [], [])
    runs = []
    for text in ["مراقبة التراب الوطني"] * 3 + ["التراب الوطني"]:
        runs += [(0, r) for r in phrases(make_units(text, 0, segment))]
    values = c_values(count_candidates(runs))
    long_key = next(k for k in values if len(k) == 3)
    nested_key = next(k for k in values if len(k) == 2 and k[0] == "تراب")
    assert values[long_key] > values[nested_key]


def test_clitic_variants_fall_into_one_entry() -> None:
    entries = _mine(
        "تتعزز الجهود في مكافحة الإرهاب.",
        "وتعمل الأجهزة على مكافحة الإرهاب.",
        "وشدد على أهمية بمكافحة الإرهاب ولمكافحة الإرهاب.",
    )
    entry = entries["مكافحة الإرهاب"]
    assert entry.frequency == 4
    assert entry.equivalents[0].fr == "lutte contre le terrorisme"


def test_surname_only_mentions_join_the_full_name() -> None:
    entries = _mine(
        "استقبل عبد اللطيف حموشي الوفد الفرنسي.",
        "وأكد الحموشي أهمية التعاون.",
        "كما شكر حموشي نظيره.",
    )
    person = entries["عبد اللطيف حموشي"]
    assert person.kind == "person"
    assert person.frequency == 3
    assert {"الحموشي", "حموشي"} <= set(person.forms)


def test_unknown_institution_and_person_are_recognised_by_shape() -> None:
    entries = _mine(
        "أعلنت المديرية الجهوية للوقاية المدنية بطنجة عن حصيلة.",
        "واستقبل السيد يوسف بلقاضي الوفد.",
    )
    assert entries["المديرية الجهوية للوقاية المدنية"].kind == "organisation"
    person = entries["يوسف بلقاضي"]
    assert person.kind == "person"
    assert person.equivalents[0].fr.startswith("Youssef")
    assert person.equivalents[0].origin == "transliteration"
    assert person.equivalents[0].confidence < 0.5


def test_an_institution_name_ends_where_another_phrase_begins() -> None:
    """A construct chain holds no indefinite noun after a definite word, and no definite
    noun that is not an adjective: the next phrase is not part of the name."""
    entries = _mine(
        "وقالت هيئة الفرقة الجهوية الحكم في القضية قاس.",
        "وراسلت مؤسسة الوسيط رئيس النيابة العامة في الموضوع.",
    )
    glossary = {ar for ar, e in entries.items() if e.is_glossary}
    assert "هيئة الفرقة الجهوية" in glossary
    assert not any("الحكم" in ar for ar in glossary)
    assert not any("مؤسسة الوسيط رئيس" in ar for ar in glossary)


def test_year_bearing_event_is_an_event() -> None:
    entries = _mine("تستعد المملكة لاحتضان مونديال 2030 بشراكة مع إسبانيا والبرتغال.")
    assert entries["مونديال 2030"].kind == "event"
    assert entries["إسبانيا"].kind == "place"


def test_parenthesised_acronym_and_french_name_become_corpus_equivalents() -> None:
    entries = _mine(
        "أعلنت الوكالة الوطنية لمكافحة الاحتيال الرقمي (ANLFN) عن خطة جديدة.",
        "وقدمت الوكالة الوطنية لمكافحة الاحتيال الرقمي (Agence nationale de lutte contre "
        "la fraude numérique) تقريرها.",
    )
    entry = entries["الوكالة الوطنية لمكافحة الاحتيال الرقمي"]
    best = entry.equivalents[0]
    assert best.origin == "corpus"
    assert best.acronym == "ANLFN"
    assert best.fr == "Agence nationale de lutte contre la fraude numérique"


def test_corpus_acronym_completes_a_lexicon_name() -> None:
    entries = _mine("التقى وفد من الشرطة الوطنية الفرنسية (PN) بنظرائه.")
    best = entries["الشرطة الوطنية الفرنسية"].equivalents[0]
    assert (best.fr, best.acronym, best.origin) == ("Police nationale", "PN", "lexicon")


def test_a_word_seen_only_inside_a_longer_name_is_no_entry_of_its_own() -> None:
    entries = _mine("أحالت النيابة العامة الملف على محكمة الاستئناف بالرباط.")
    assert entries["محكمة الاستئناف"].is_glossary
    assert not entries["الاستئناف"].is_glossary


def test_a_domain_word_seen_only_inside_a_longer_term_is_an_entry() -> None:
    """المخدرات is a term of its own, even when the text only writes تهريب المخدرات."""
    entries = _mine("وتمكنت المصالح من تفكيك شبكة تنشط في تهريب المخدرات.")
    assert entries["تهريب المخدرات"].is_glossary
    assert entries["المخدرات"].is_glossary


def test_places_named_after_a_cue_or_spelled_one_letter_off() -> None:
    entries = _mine(
        "فككت الأجهزة خلية تنشط بمدينتي طنجة وتامسلوحت، قبل اجتماع في بروكسيل.",
        "تجمع المحتجون في ساحة كليبر وسط المنطقة الشمالية.",
    )
    assert entries["تامسلوحت"].kind == "place"  # a small town no lexicon lists
    assert entries["تامسلوحت"].equivalents[0].origin == "transliteration"
    assert entries["ساحة كليبر"].equivalents[0].fr.startswith("place ")
    brussels = next(e for e in entries.values() if "بروكسيل" in e.forms)
    assert brussels.kind == "place" and brussels.equivalents[0].fr == "Bruxelles"
    assert "الشمالية" not in entries or not entries["الشمالية"].is_glossary


def test_functions_and_local_institutions_get_french_built_from_their_parts() -> None:
    entries = _mine(
        "وقال مدير المكتب المركزي للأبحاث القضائية إن سفير فرنسا بالمغرب حضر.",
        "وأحالت النيابة العامة بباريس الملف على محكمة الاستئناف بليون.",
    )
    expected = {
        "مدير المكتب المركزي للأبحاث القضائية": "directeur du Bureau central d'investigations judiciaires",
        "سفير فرنسا بالمغرب": "ambassadeur de France au Maroc",
        "النيابة العامة بباريس": "parquet de Paris",
    }
    for ar, fr in expected.items():
        best = entries[ar].equivalents[0]
        assert (best.fr, best.origin) == (fr, "compositional"), ar
    assert entries["فرنسا"].equivalents[0].fr == "France"


def test_parts_of_institutions_consulates_and_governors_get_composed_french() -> None:
    """A part of a known institution, a consulate general and a governor of a named
    province are names of their own, with French built from the known parts."""
    entries = _mine(
        "وأحيل الملف على ملحقة محكمة الاستئناف بالرباط ثم الغرفة الجنائية بمحكمة النقض.",
        "واستقبلت القنصلية العامة للمملكة المغربية بباريس وفدا حضره عامل إقليم الناظور.",
        "وأكدت حكومة إسبانيا أن خريجي المدرسة الوطنية العليا للمعلوميات سيشاركون.",
    )
    expected = {
        "ملحقة محكمة الاستئناف بالرباط": ("organisation", "annexe de la Cour d'appel de Rabat"),
        "الغرفة الجنائية بمحكمة النقض": (
            "organisation",
            "chambre criminelle de la Cour de cassation",
        ),
        "القنصلية العامة للمملكة المغربية بباريس": (
            "organisation",
            "consulat général du Royaume du Maroc à Paris",
        ),
        "عامل إقليم الناظور": ("term", "gouverneur de la province de Nador"),
        "حكومة إسبانيا": ("organisation", "gouvernement de l'Espagne"),
        "المدرسة الوطنية العليا للمعلوميات": (
            "organisation",
            "école nationale supérieure d'informatique",
        ),
    }
    for ar, (kind, fr) in expected.items():
        assert entries[ar].kind == kind, ar
        assert entries[ar].equivalents[0].fr == fr, ar


def test_an_institution_name_may_coordinate_its_complements() -> None:
    """و after a lam complement adds a second one to the name (للتنسيق والتتبع); a
    second institution or a plain noun after a full name is another thing."""
    entries = _mine(
        "وأصدرت اللجنة الوطنية للتنسيق والتتبع بلاغا.",
        "ودعا المجلس الوطني لحقوق الإنسان والحكومة إلى الحوار.",
        "ومعلومات قدمتها المديرية العامة لمراقبة التراب الوطني المغربية لنظيرتها الفرنسية.",
    )
    assert not any("لنظيرتها" in ar for ar in entries)  # a noun with its owner: no name
    assert entries["اللجنة الوطنية للتنسيق والتتبع"].kind == "organisation"
    assert "المجلس الوطني لحقوق الإنسان والحكومة" not in entries
    assert entries["المجلس الوطني لحقوق الإنسان"].kind == "organisation"


def test_an_institution_name_may_say_what_it_is_about() -> None:
    """حول after a head and its adjective, or في after المتخصص, names the institution's
    subject; في after any other adjective is "in" (الشرطة المغربية | في بروتوكولات)."""
    entries = _mine(
        "وأصدر المرصد المغربي حول التطرف والعنف تقريرا.",
        "وأحيل الملف على القطب المتخصص في مكافحة الإرهاب.",
        "وانخرطت الشرطة المغربية في بروتوكولات الأمن، وشاركت الوزارة المعنية في الاجتماع.",
    )
    assert entries["المرصد المغربي حول التطرف والعنف"].kind == "organisation"
    assert entries["القطب المتخصص في مكافحة الإرهاب"].kind == "organisation"
    assert not any(" في " in ar for ar in entries if ar.startswith(("الشرطة", "الوزارة")))


def test_the_object_of_a_known_term_and_negated_adjectives_make_terms() -> None:
    """فتح تحقيق قضائي is a lexicon term; its object تحقيق قضائي is a term too. غير and
    its adjective qualify a head (وضعية غير نظامية), as does a two-word adjective. غير المشروع is "illicit": what
    follows it is no term."""
    entries = _mine(
        "وأمرت النيابة العامة بفتح تحقيق قضائي في الاتجار غير المشروع بالبشر.",
        "ويوجد المهاجرون في وضعية غير نظامية.",
        "وتم تفكيك شبكة إجرامية عابرة للحدود، تنشط في تهريب البشر.",
    )
    assert entries["تحقيق قضائي"].is_glossary
    assert entries["تحقيق قضائي"].equivalents[0].fr == "enquête judiciaire"
    assert entries["وضعية غير نظامية"].equivalents[0].fr == "situation irrégulière"
    assert "المشروع بالبشر" not in entries
    network = entries["شبكة إجرامية عابرة للحدود"]  # a head, an adjective, a two-word one
    assert network.equivalents[0].fr == "réseau criminel transnational"


def test_names_with_particles_end_where_the_name_ends() -> None:
    """آيت and بن join the next word to the name; a nisba surname (الزياني) ends it;
    a known person's shorter name inside another's (مولاي الحسن) is not a mention; a
    word read without its suffix is no one-word term (جهته is not الجهة, région)."""
    entries = _mine(
        "من جهته، اعتبر المحامي رشيد آيت بلعيد أن الملف فارغ.",
        "فيما التمست المحامية نادية الزياني تمتيع موكلتها بالسراح.",
        "ودعا رئيس النيابة العامة مولاي الحسن الداكي إلى الحزم.",
    )
    assert entries["رشيد آيت بلعيد"].kind == "person"
    assert entries["نادية الزياني"].kind == "person"
    assert "نادية الزياني تمتيع" not in entries
    assert entries["مولاي الحسن الداكي"].equivalents[0].fr == "Moulay El Hassan Daki"
    assert not any(e.lexicon and e.lexicon.fr == "Moulay El Hassan" for e in entries.values())
    assert "الجهة" not in entries


def test_a_place_form_holding_a_clitic_does_not_stop_the_segmenter() -> None:
    """الأقاليم الجنوبية للمملكة is a place form; للمملكة elsewhere is still ل + المملكة."""
    entries = _mine("وأشاد الوزير بالتعاون الأمني للمملكة المغربية مع فرنسا.")
    assert entries["المملكة المغربية"].equivalents[0].fr == "Royaume du Maroc"


def test_a_term_the_corpus_writes_only_in_the_plural_is_shown_so() -> None:
    """The lexicon lists the singular; the glossary shows the corpus's plural, with the
    lexicon's French made plural, and keeps the singular as a form to look up."""
    entries = _mine("وفككت المصالح الأمنية الخلايا الإرهابية في عدة مدن.")
    cells = entries["الخلايا الإرهابية"]
    assert cells.lexicon is not None and cells.lexicon.ar == "الخلية الإرهابية"
    assert cells.equivalents[0].fr == "cellules terroristes"
    singular = _mine("وفككت المصالح الأمنية الخلية الإرهابية.")["الخلية الإرهابية"]
    assert singular.equivalents[0].fr == "cellule terroriste"


def test_a_regional_service_keeps_its_city_and_a_quantity_ends_no_term() -> None:
    entries = _mine("وأكدت المديرية الجهوية للجمارك بطنجة حجز كمية من المخدرات.")
    office = entries["المديرية الجهوية للجمارك بطنجة"]
    assert office.kind == "organisation" and office.is_glossary
    assert office.equivalents[0].fr == "direction régionale des douanes de Tanger"
    assert "حجز كمية" not in entries


def test_prisons_events_and_a_known_surname_after_another_given_name() -> None:
    entries = _mine(
        "وأودع المتهم السجن المحلي تيفلت 2 بعد أحداث مقهى أركانة بمراكش.",
        "وذكر بتفجيرات 16 ماي 2003 وبالألعاب الأولمبية 1992 في برشلونة.",
        "ووصل مصطفى الحموشي إلى الرباط.",
    )
    prison = entries["السجن المحلي تيفلت 2"]
    assert prison.kind == "organisation"
    assert prison.equivalents[0].fr == "prison locale Tiflet 2"  # as DGAPR writes it
    assert entries["أحداث مقهى أركانة"].kind == "event"
    may = next(e for e in entries.values() if "تفجيرات 16 ماي 2003" in e.forms)
    assert may.kind == "event" and "2003" in may.equivalents[0].fr
    assert entries["الألعاب الأولمبية 1992"].equivalents[0].fr == "Jeux olympiques 1992"
    # حموشي alone is Abdellatif Hammouchi; after another given name it is someone else.
    assert "مصطفى الحموشي" in entries
    assert not any(
        e.equivalents and e.equivalents[0].fr == "Abdellatif Hammouchi" for e in entries.values()
    )


def test_a_one_word_term_is_found_with_or_without_its_article() -> None:
    """تقادم is the lexicon's التقادم (prescription); a place keeps its article
    (جديدة, new, is not الجديدة, El Jadida)."""
    entries = _mine("وتمسك الدفاع بتقادم الأفعال، وقال إن مرحلة جديدة بدأت.")
    french = {e.equivalents[0].fr for e in entries.values() if e.equivalents}
    assert "prescription" in french
    assert "El Jadida" not in french


def test_the_last_two_words_of_a_three_word_term_are_a_term_of_their_own() -> None:
    """عمليات الاحتيال الرقمي holds الاحتيال الرقمي (fraude numérique), a term a
    translator looks up on its own; an adjective pair (المغربي الفرنسي) is none."""
    entries = _mine(
        "وتورطت الشبكة في عمليات الاحتيال الرقمي عبر الإنترنت.",
        "وأشاد بالتعاون الأمني المغربي الفرنسي.",
    )
    glossary = {ar for ar, e in entries.items() if e.is_glossary}
    assert "عمليات الاحتيال الرقمي" in glossary
    assert "الاحتيال الرقمي" in glossary
    assert "المغربي الفرنسي" not in glossary


def test_an_adjective_that_starts_with_waw_or_ba_is_no_clitic() -> None:
    """وهمية is one word (fictive), not و + همية: منصات وهمية is a term."""
    entries = _mine("وتنشط الشبكة عبر منصات وهمية للاستثمار.")
    assert entries["منصات وهمية"].is_glossary
    assert entries["منصات وهمية"].equivalents[0].fr == "plateformes fictives"


def test_more_functions_over_an_institution_get_composed_french() -> None:
    entries = _mine("وقال ممثل النيابة العامة إن الملف جاهز، وحضر محافظ بنك المغرب.")
    assert entries["ممثل النيابة العامة"].equivalents[0].fr == "représentant du ministère public"
    assert entries["محافظ بنك المغرب"].equivalents[0].fr == "gouverneur de Bank Al-Maghrib"


def test_an_event_with_its_city_and_date_is_named_as_news_names_it() -> None:
    """هجمات 13 نونبر 2015 بباريس is the event's name in news: an entry, its French the
    known event's and the city; a dated event the lexicon lacks is named by its date."""
    entries = _mine(
        "وذكر المسؤول بهجمات 13 نونبر 2015 بباريس وبتفجيرات 11 مارس 2004 بمدريد.",
    )
    paris = entries["هجمات 13 نونبر 2015 بباريس"]
    assert paris.kind == "event"
    assert paris.equivalents[0].fr == "attentats du 13 novembre 2015 à Paris"
    madrid = entries["تفجيرات 11 مارس 2004 بمدريد"]
    assert madrid.equivalents[0].fr == "attentats du 11 mars 2004 à Madrid"
    assert entries["تفجيرات 11 مارس 2004"].equivalents[0].fr == "attentats du 11 mars 2004"


def test_a_common_nisba_after_a_given_name_is_a_family_name() -> None:
    """محمد العلمي is a person though العلمي is common Arabic ("scientific"); the
    commonest adjectives of news (الوطني) never are, nor is البحث العلمي a name."""
    entries = _mine("وقال محمد العلمي إن البحث العلمي مهم.", "وأشاد حسن الوطني بالتعاون.")
    assert entries["محمد العلمي"].kind == "person"
    assert "حسن الوطني" not in entries


def test_a_provincial_police_service_in_its_city_keeps_the_service_s_french() -> None:
    entries = _mine("وأفادت المصلحة الإقليمية للشرطة القضائية بسطات أنها أوقفت المشتبه فيه.")
    service = entries["المصلحة الإقليمية للشرطة القضائية بسطات"]
    assert service.kind == "organisation"
    assert service.equivalents[0].fr == "service provincial de la police judiciaire de Settat"
    assert entries["المصلحة الإقليمية للشرطة القضائية"].kind == "organisation"


def test_a_set_expression_of_the_word_lexicon_is_a_term() -> None:
    """قنابل صوتية holds no word of the curated terms, but the word lexicon lists it whole
    (grenades assourdissantes): a term, where a free noun and adjective are not."""
    entries = _mine("واستعمل المتهمون قنابل صوتية خلال مواجهات عنيفة.")
    assert entries["قنابل صوتية"].equivalents[0].fr == "grenades assourdissantes"
    assert "مواجهات عنيفة" not in entries


def test_the_tail_of_a_domain_phrase_stands_on_its_own_beside_a_known_term() -> None:
    """مراقبة الحدود is a known term; الحدود الخارجية, the end of مراقبة الحدود الخارجية,
    is a term too."""
    entries = _mine("وعززت السلطات مراقبة الحدود الخارجية للاتحاد.")
    assert entries["الحدود الخارجية"].equivalents[0].fr == "frontières extérieures"
    assert entries["مراقبة الحدود الخارجية"].is_glossary


def test_a_known_word_is_never_read_as_a_misspelt_place() -> None:
    """مهلوسة is one letter from ملوسة (Melloussa), but the word lexicon knows it."""
    entries = _mine("وحجزت الشرطة أقراصا مهلوسة.")
    assert all(e.kind != "place" for e in entries.values())


def test_a_kunya_and_its_nisbas_are_one_person() -> None:
    """Noms de guerre (أبو حفص الهاشمي القرشي, أبي بكر البغدادي) are persons, whole;
    أبو ظبي stays a place."""
    entries = _mine(
        "وبايع التنظيم أبو حفص الهاشمي القرشي بعد مقتل أبي بكر البغدادي.",
        "وزار الوفد أبو ظبي.",
    )
    assert entries["أبو حفص الهاشمي القرشي"].kind == "person"
    assert entries["أبي بكر البغدادي"].kind == "person"
    assert "الهاشمي القرشي" not in entries
    assert all(e.kind != "person" for e in entries.values() if "ظبي" in e.ar)


def test_a_judicial_function_near_a_court_is_named_with_pres() -> None:
    """الوكيل العام للملك لدى محكمة الاستئناف بطنجة: the function, لدى (près) and the
    court in its city, as Moroccan French legal writing has it."""
    entries = _mine(
        "وجرى البحث تحت إشراف الوكيل العام للملك لدى محكمة الاستئناف بطنجة.",
        "وأحاله وكيل الملك لدى المحكمة الابتدائية بالناظور على السجن.",
    )
    tangier = entries["الوكيل العام للملك لدى محكمة الاستئناف بطنجة"]
    assert tangier.equivalents[0].fr == "procureur général du Roi près la Cour d'appel de Tanger"
    nador = entries["وكيل الملك لدى المحكمة الابتدائية بالناظور"]
    assert nador.equivalents[0].fr.lower() == (
        "procureur du roi près le tribunal de première instance de nador"
    )


def test_two_given_names_then_the_family_name_are_one_person() -> None:
    entries = _mine("وشدد المحامي محمد أمين الشرقاوي على أن قرينة البراءة هي الأصل.")
    assert entries["محمد أمين الشرقاوي"].kind == "person"
    assert "أمين الشرقاوي" not in entries


def test_a_misspelt_place_after_and_is_that_place() -> None:
    """ليون وبروكسيل: the segmenter keeps the و of a spelling it has never seen (بروكسيل
    for بروكسل); the place is Bruxelles all the same, shown without the و."""
    entries = _mine("وأسفر التعاون عن توقيف ثلاثة شركاء في ليون وبروكسيل.")
    brussels = next(e for e in entries.values() if e.kind == "place" and "بروكس" in e.ar)
    assert brussels.equivalents[0].fr == "Bruxelles"
    assert all(not form.startswith("و") for form in brussels.forms)
