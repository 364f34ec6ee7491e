"""Discreet wording: printed pages that say nothing about abuse, for a page that may be found.

Each language has a reviewed list of words that must not appear on a discreet page, each with
a neutral replacement. Replacement keeps the step usable ("Block the other person" stays a
clear instruction) while the page reads like any household to-do list. A test extracts the
text of every discreet output and checks that none of the listed words is left.

Only the app's own words are replaced. What a person typed (the title, notes, people, their own
places) is theirs and prints exactly as typed; `own_words_to_check` lists the listed words in it,
so the print screen can show them before printing and the person decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from planner.report.layout import PrintOptions, catalog

if TYPE_CHECKING:
    from planner.core.plan import Contact, LocalResource

# Arabic, reviewed: each word bare, without the proclitics written joined to it (see
# `with_proclitics`). Replacements keep the gender and number of the word they replace where
# Arabic allows (العنف → الأذى, masculine singular; الإساءة → الأذية, feminine singular; أمر
# حماية → قرار محكمة, masculine; دار إيواء → جهة, feminine; ملجأ → برنامج, masculine).
# الناجية / الضحية / المعتدية become الشخص (masculine): a following feminine adjective or verb
# may then disagree, so a native-speaking reviewer should read printed discreet pages.
# Left out on purpose: المضايقات (harassment, an everyday word, as English leaves out
# "harassment"), خط المساعدة alone (it is itself the neutral name printed for RAINN), and
# "RAINN" (English leaves it too).
ARABIC_REVIEWED: dict[str, str] = {
    "خط 988 للأزمات والوقاية من الانتحار": "خط 988",
    "خط المساعدة الوطني للاعتداء الجنسي": "خط المساعدة",
    "خط المساعدة الوطني للعنف الأسري": "خط الدعم",
    "العنف في العلاقات العاطفية": "ضغط العلاقات",
    "برامج الملاحقة الخفية": "البرامج الخفية",
    "الاعتداءات الجنسية": "الأذى الشخصي",
    "العنف في المواعدة": "ضغط العلاقات",
    "المرشد أو المرشدة": "المساعد أو المساعدة",
    "الناجي أو الناجية": "الشخص",
    "الناجين والناجيات": "الأشخاص",
    "الإساءة عبر الصور": "الأذى عبر الصور",
    "الاعتداء الجنسي": "الأذى الشخصي",
    "أمر عدم التعرض": "قرار المحكمة",
    "برامج الملاحقة": "البرامج الخفية",
    "تطبيقات التجسس": "التطبيقات الخفية",
    "الاتجار بالبشر": "الأذى",
    "العنف المنزلي": "الضغط الأسري",
    "التحرش الجنسي": "الأذى الشخصي",
    "الشريك الحميم": "الشريك",
    "أوامر الحماية": "قرارات المحكمة",
    "أوامر الإبعاد": "قرارات المحكمة",
    "مراكز الإيواء": "الجهات",
    "مرشد أو مرشدة": "مساعد أو مساعدة",
    "العنف الأسري": "الضغط الأسري",
    "العنف الجنسي": "الأذى الشخصي",
    "مركز الإيواء": "البرنامج",
    "برامج التجسس": "البرامج الخفية",
    "ناج أو ناجية": "شخص",
    "أمر الحماية": "قرار المحكمة",
    "أمر الإبعاد": "قرار المحكمة",
    "دار الإيواء": "الجهة",
    "دور الإيواء": "الجهات",
    "أوامر حماية": "قرارات محكمة",
    "اعتداء جنسي": "أذى شخصي",
    "stalkerware": "برامج خفية",
    "الاعتداءات": "الأذى",
    "أمر تقييدي": "قرار محكمة",
    "مركز إيواء": "برنامج",
    "أمر حماية": "قرار محكمة",
    "أمر إبعاد": "قرار محكمة",
    "دار إيواء": "جهة",
    "دور إيواء": "جهات",
    "تحرش جنسي": "أذى شخصي",
    "الملاحقة": "المتابعة",
    "المطاردة": "المتابعة",
    "المعتدية": "الشخص الآخر",
    "المعتدون": "الأشخاص",
    "المعتدين": "الأشخاص",
    "المسيئون": "الأشخاص",
    "المسيئين": "الأشخاص",
    "المرشدات": "المساعدات",
    "المرشدون": "المساعدون",
    "المرشدين": "المساعدين",
    "الناجيات": "الأشخاص",
    "الإساءات": "الأذية",
    "الاعتداء": "الأذى",
    "الاغتصاب": "الأذى",
    "عنف أسري": "ضغط أسري",
    "عنف جنسي": "أذى شخصي",
    "اعتداءات": "أذى",
    "المطارد": "الشخص الآخر",
    "المعتدي": "الشخص الآخر",
    "المسيئة": "الشخص الآخر",
    "المرشدة": "المساعدة",
    "الناجية": "الشخص",
    "الناجون": "الأشخاص",
    "الناجين": "الأشخاص",
    "الضحايا": "الأشخاص",
    "الملاجئ": "البرامج",
    "الإيواء": "الدعم",
    "الإساءة": "الأذية",
    "التعنيف": "الأذى",
    "المسيء": "الشخص الآخر",
    "الجاني": "الشخص الآخر",
    "الجناة": "الأشخاص",
    "المرشد": "المساعد",
    "الناجي": "الشخص",
    "الضحية": "الشخص",
    "الملجأ": "البرنامج",
    "المأوى": "البرنامج",
    "التحرش": "الإزعاج",
    "الهروب": "الرحيل",
    "الفرار": "الرحيل",
    "مرشدين": "مساعدين",
    "ناجيات": "أشخاص",
    "معتدين": "أشخاص",
    "اعتداء": "أذى",
    "اغتصاب": "أذى",
    "ملاحقة": "متابعة",
    "مطاردة": "متابعة",
    "يلاحقك": "يتابعك",
    "يطاردك": "يتابعك",
    "التجسس": "المراقبة",
    "العنف": "الأذى",
    "مرشدة": "مساعدة",
    "ناجية": "شخص",
    "ناجين": "أشخاص",
    "ضحايا": "أشخاص",
    "مسيئة": "مؤذية",
    "ملاجئ": "برامج",
    "إساءة": "أذية",
    "تعنيف": "أذى",
    "عنيفة": "مؤذية",
    "مرشد": "مساعد",
    "ضحية": "شخص",
    "معتد": "شخص",
    "مسيء": "مؤذ",
    "ملجأ": "برنامج",
    "مأوى": "برنامج",
    "عنيف": "مؤذ",
    "تحرش": "إزعاج",
    "تجسس": "مراقبة",
    "عنف": "أذى",
}

# Arabic writes the conjunctions و (and) and ف (so) and the prepositions ب (with), ك (like) and
# ل (for) joined to the next word, alone or one of the first two before one of the last three.
ARABIC_PROCLITICS = ("و", "ف", "ب", "ك", "ل", "وب", "وك", "ول", "فب", "فك", "فل")


def _join(proclitic: str, word: str) -> str:
    """`proclitic` written onto `word`; ل before the article ال takes the article's alif away
    (ل + العنف is written للعنف)."""
    if proclitic.endswith("ل") and word.startswith("ال"):
        return proclitic + word[1:]
    return proclitic + word


def with_proclitics(reviewed: Mapping[str, str]) -> dict[str, str]:
    """`reviewed` plus each Arabic word with each proclitic joined to it, its replacement
    carrying the same proclitic (والعنف → والأذى, للمعتدي → للشخص الآخر). A word boundary never
    falls between a proclitic and its word, so the bare word alone would not be found there."""
    table = dict(reviewed)
    for word, replacement in reviewed.items():
        if word.isascii():
            continue  # a Latin word ("stalkerware") takes no Arabic proclitic
        for proclitic in ARABIC_PROCLITICS:
            table.setdefault(_join(proclitic, word), _join(proclitic, replacement))
    return table


# Reviewed lists. Longer phrases come first so they are replaced before their parts.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "domestic violence": "family stress",
        "dating violence": "relationship stress",
        "sexual violence": "personal harm",
        "sexual assault": "personal harm",
        "intimate partner": "partner",
        "protective orders": "court papers",
        "protective order": "court papers",
        "restraining orders": "court papers",
        "restraining order": "court papers",
        "no-contact order": "court papers",
        "stalkerware": "hidden apps",
        "stalking": "following",
        "stalker": "person",
        "stalked": "followed",
        "the abuser's": "the other person's",
        "the abuser": "the other person",
        "an abuser": "someone",
        "your abuser": "the other person",
        "abusers": "people",
        "an advocate": "a helper",
        "abuser": "other person",
        "abusive": "hurtful",
        "abused": "hurt",
        "abuse": "harm",
        "violence": "harm",
        "violent": "harmful",
        "batterer": "other person",
        "perpetrator": "other person",
        "assault": "harm",
        "victims": "people",
        "victim": "person",
        "survivors": "people",
        "survivor": "person",
        "shelters": "programs",
        "shelter": "program",
        "advocates": "helpers",
        "advocate": "helper",
        "escape": "leave",
        "rape": "harm",
        "trafficking": "harm",
    },
    "es": {
        # With their articles first, so gender and number still agree after replacing.
        "la violencia doméstica": "el estrés familiar",
        "la violencia": "el daño",
        "el acoso": "las molestias",
        "del acoso": "de las molestias",
        "al acoso": "a las molestias",
        "el agresor": "la otra persona",
        "del agresor": "de la otra persona",
        "al agresor": "a la otra persona",
        "el abusador": "la otra persona",
        "del abusador": "de la otra persona",
        "al abusador": "a la otra persona",
        "la violación": "el daño",
        "de la orden de protección": "del papel del tribunal",
        "la orden de protección": "el papel del tribunal",
        "las órdenes de protección": "los papeles del tribunal",
        "el sobreviviente": "la persona",
        "los sobrevivientes": "las personas",
        "violencia doméstica": "estrés familiar",
        "violencia sexual": "daño personal",
        "agresión sexual": "daño personal",
        "órdenes de protección": "papeles del tribunal",
        "orden de protección": "papeles del tribunal",
        "orden de alejamiento": "papeles del tribunal",
        "stalkerware": "aplicaciones ocultas",
        "programas espía": "aplicaciones ocultas",
        "acoso": "molestias",
        "acosador": "la otra persona",
        "acosadora": "la otra persona",
        "agresores": "personas",
        "agresor": "la otra persona",
        "agresora": "la otra persona",
        "abusador": "la otra persona",
        "abusadora": "la otra persona",
        "abusivo": "dañino",
        "abusiva": "dañina",
        "abuso": "daño",
        "maltrato": "daño",
        "violencia": "daño",
        "violento": "dañino",
        "violenta": "dañina",
        "víctimas": "personas",
        "víctima": "persona",
        "sobrevivientes": "personas",
        "sobreviviente": "persona",
        "refugios": "programas",
        "refugio": "programa",
        "albergues": "programas",
        "albergue": "programa",
        "una intercesora o un intercesor": "una persona de apoyo",
        "una persona intercesora": "una persona de apoyo",
        "un intercesor": "una persona de apoyo",
        "intercesoras": "personas de apoyo",
        "intercesores": "personas de apoyo",
        "intercesora": "persona de apoyo",
        "intercesor": "persona de apoyo",
        "violación": "daño",
    },
    "vi": {
        # Vietnamese has no articles or gender, so no agreement forms are needed; phrases with
        # the classifier "kẻ" and whole hotline names are listed so the result stays
        # grammatical ("kẻ bạo hành" becomes "người kia", not "kẻ làm hại"). Not listed on
        # purpose: "theo dõi" alone (also "follow"; it is the neutral word for stalking, as
        # "following" is in English), "tấn công" alone (also used for hacking: "tấn công lừa
        # đảo"), "quấy rối" alone and "tòa án" (not listed in English either).
        # Whole hotline names (the discreet pages print their discreet names; these catch the
        # full names wherever the app's own text repeats them).
        "đường dây trợ giúp quốc gia về tấn công tình dục rainn": "đường dây trợ giúp",
        "đường dây trợ giúp quốc gia về bạo lực gia đình": "đường dây hỗ trợ",
        "đường dây nóng": "đường dây",
        # Whole phrases naming the person, before their parts.
        "người sống sót sau bạo lực gia đình": "người cần hỗ trợ",
        "người sống sót sau tấn công tình dục": "người cần hỗ trợ",
        "nạn nhân của bạo lực gia đình": "người cần hỗ trợ",
        "nạn nhân bạo lực gia đình": "người cần hỗ trợ",
        "nhân viên hỗ trợ pháp lý": "người giúp đỡ về pháp lý",
        "nhân viên hỗ trợ nạn nhân": "người giúp đỡ",
        "nhân viên hỗ trợ": "người giúp đỡ",
        "người sống sót": "người cần hỗ trợ",
        "nạn nhân": "người cần hỗ trợ",
        # The other person (survivor text says "người kia"; these are the words it must not say).
        "người gây bạo lực": "người kia",
        "người bạo hành": "người kia",
        "kẻ bạo hành": "người kia",
        "kẻ lạm dụng": "người kia",
        "kẻ ngược đãi": "người kia",
        "kẻ tấn công": "người kia",
        "kẻ quấy rối": "người kia",
        "kẻ đeo bám": "người kia",
        "kẻ rình rập": "người kia",
        "thủ phạm": "người kia",
        "hung thủ": "người kia",
        # Kinds of violence and abuse.
        "bạo lực gia đình": "căng thẳng gia đình",
        "bạo hành gia đình": "căng thẳng gia đình",
        "bạo lực trong hẹn hò": "căng thẳng trong quan hệ",
        "bạo lực hẹn hò": "căng thẳng trong quan hệ",
        "bạo lực tình dục": "tổn hại cá nhân",
        "tấn công tình dục": "tổn hại cá nhân",
        "xâm hại tình dục": "tổn hại cá nhân",
        "quấy rối tình dục": "tổn hại cá nhân",
        "bằng chứng lạm dụng": "bằng chứng về chuyện đã xảy ra",
        "lạm dụng hình ảnh": "dùng sai hình ảnh",
        "cưỡng hiếp": "tổn hại",
        "hiếp dâm": "tổn hại",
        "mua bán người": "tổn hại",
        "buôn người": "tổn hại",
        "bạo hành": "làm hại",
        "lạm dụng": "làm hại",
        "ngược đãi": "làm hại",
        "hành hung": "làm hại",
        "xâm hại": "làm hại",
        "bạo lực": "tổn hại",
        # Stalking and the apps used for it.
        "theo dõi, đeo bám": "theo dõi",
        "theo dõi và đeo bám": "theo dõi",
        "phần mềm theo dõi lén": "ứng dụng ẩn",
        "ứng dụng theo dõi lén": "ứng dụng ẩn",
        "phần mềm theo dõi": "ứng dụng ẩn",
        "phần mềm gián điệp": "ứng dụng ẩn",
        "ứng dụng gián điệp": "ứng dụng ẩn",
        "stalkerware": "ứng dụng ẩn",
        "đeo bám": "theo dõi",
        "rình rập": "theo dõi",
        # Court papers.
        "lệnh cấm tiếp xúc": "giấy tờ tòa án",
        "lệnh cấm liên lạc": "giấy tờ tòa án",
        "lệnh cấm lại gần": "giấy tờ tòa án",
        "lệnh bảo vệ": "giấy tờ tòa án",
        # Shelters.
        "trung tâm tạm lánh": "nơi ở tạm",
        "nhà tạm lánh": "nơi ở tạm",
        "nơi tạm lánh": "nơi ở tạm",
        # Leaving.
        "trốn thoát": "rời đi",
        "chạy trốn": "rời đi",
        "bỏ trốn": "rời đi",
    },
    "ar": with_proclitics(ARABIC_REVIEWED),
}



def words(locale: str) -> tuple[str, ...]:
    """The listed words for a language (English when the language has no list)."""
    return tuple(WORDS.get(locale.split("_")[0], WORDS["en"]))


@lru_cache(maxsize=8)
def _pattern(locale: str) -> re.Pattern[str]:
    listed = sorted(words(locale), key=len, reverse=True)
    return re.compile(r"\b(" + "|".join(re.escape(w) for w in listed) + r")\b", re.IGNORECASE)


def neutral(text: str, locale: str) -> str:
    """`text` with every listed word replaced by its neutral word (keeping a capital)."""
    table = WORDS.get(locale.split("_")[0], WORDS["en"])

    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        new = table[found.lower()]
        return new[:1].upper() + new[1:] if found[:1].isupper() else new

    return _pattern(locale).sub(replace, text)


def leftovers(text: str, locale: str) -> list[str]:
    """Listed words still present (for tests and for a last check before printing)."""
    return [m.group(0) for m in _pattern(locale).finditer(text)]


class PersonsText(Protocol):
    """What a person typed into a plan. `outputs.PrintablePlan` is one; it is described here,
    not imported, because `outputs` imports this module."""

    @property
    def notes(self) -> Mapping[str, str]: ...

    @property
    def contacts(self) -> Sequence[Contact]: ...

    @property
    def resources(self) -> Sequence[LocalResource]: ...


def own_words_to_check(plan: PersonsText, title: str, locale: str) -> list[tuple[str, str]]:
    """(listed word as typed, where it was typed) for the person's own text, each word once per
    place, in the order the page prints them, the places named as the page in `locale` names
    them. Pass only what will be printed (no notes when notes are left out; only the card's
    people for a pocket card). Discreet wording never rewrites a person's words, so the print
    screen shows these and the person decides."""
    _ = catalog(locale).gettext
    places = [
        # NOTE: where a word was typed: the title the person gave the printed page.
        (_("The title"), [title]),
        # NOTE: where a word was typed: the person's notes on topics.
        (_("My notes"), list(plan.notes.values())),
        (_("People I trust"), [text for person in plan.contacts
                               for text in (person.name, person.reach, person.note)]),
        (_("Help lines and local resources"), [text for place in plan.resources
                                               for text in (place.name, place.reach, place.note)]),
    ]
    found: list[tuple[str, str]] = []
    for place, texts in places:
        seen: set[str] = set()
        for text in texts:
            for word in leftovers(text, locale):
                if word.lower() not in seen:
                    seen.add(word.lower())
                    found.append((word, place))
    return found


def app_words(options: PrintOptions) -> Callable[[str], str]:
    """The app's own words on paper, made neutral when the person asked for discreet wording.
    Apply it to a template before filling it in: the person's own words are never changed."""
    if options.discreet:
        return lambda text: neutral(text, options.language)
    return lambda text: text
