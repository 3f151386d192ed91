"""English names of GB/T 2260 regions, for tools/build_regions.py (build time only: pypinyin).

The rule (also in ipledger/codes/data/README.md):

- The **place name** (the name without its type word and ethnic groups) is written in Hanyu
  Pinyin without tones, as one capitalised word, with an apostrophe before a syllable that
  starts with a, o or e (六安 Lu'an, 东阿 Dong'e) and ü kept (吕梁 Lüliang). Readings of
  polyphonic characters follow place-name usage (:data:`READINGS`, :data:`PHRASES`: 重庆
  Chongqing, 厦门 Xiamen, 蚌埠 Bengbu, 长沙 Changsha, 都匀 Duyun, 洪洞 Hongtong).
- The **type word** is translated, except for 市 (cities of both levels) and province-level
  units, which take none: 广东省 Guangdong, 江门市 Jiangmen, 台山市 Taishan, but 蓬江区
  Pengjiang District, 涉县 She County, 阿里地区 Ali Prefecture, 兴安盟 Xing'an League,
  土默特左旗 Tumote Left Banner (:data:`TYPES`, :data:`BANNER_WORDS`).
- **Autonomous** units name their ethnic groups in English before the type word: 青龙满族自治县
  Qinglong Manchu Autonomous County, 双江拉祜族佤族布朗族傣族自治县 Shuangjiang Lahu, Va, Blang
  and Dai Autonomous County (:data:`ETHNIC`); province-level ones take the place name only
  (广西壮族自治区 Guangxi).
- :data:`OFFICIAL` overrides all of it for the names that have an established official English
  form (内蒙古自治区 Inner Mongolia, 陕西省 Shaanxi, 香港特别行政区 Hong Kong, 哈尔滨市 Harbin,
  乌鲁木齐市 Urumqi ...) or that are no place name plus a type word (西沙群岛 Xisha Islands).
"""

from __future__ import annotations

import re

from pypinyin import Style, lazy_pinyin

OFFICIAL = {
    # Province-level units whose English name is not the pinyin of the place name.
    "内蒙古自治区": "Inner Mongolia",
    "陕西省": "Shaanxi",
    "香港特别行政区": "Hong Kong",
    "澳门特别行政区": "Macao",
    # Prefecture-level units with an established official English name.
    "哈尔滨市": "Harbin",
    "呼和浩特市": "Hohhot",
    "鄂尔多斯市": "Ordos",
    "呼伦贝尔市": "Hulunbuir",
    "巴彦淖尔市": "Bayannur",
    "乌兰察布市": "Ulanqab",
    "锡林郭勒盟": "Xilingol League",
    "阿拉善盟": "Alxa League",
    "兴安盟": "Hinggan League",
    "齐齐哈尔市": "Qiqihar",
    "乌鲁木齐市": "Urumqi",
    "克拉玛依市": "Karamay",
    "吐鲁番市": "Turpan",
    "喀什地区": "Kashgar Prefecture",
    "和田地区": "Hotan Prefecture",
    "阿勒泰地区": "Altay Prefecture",
    "伊犁哈萨克自治州": "Ili Kazakh Autonomous Prefecture",
    "博尔塔拉蒙古自治州": "Bortala Mongol Autonomous Prefecture",
    "巴音郭楞蒙古自治州": "Bayingolin Mongol Autonomous Prefecture",
    "克孜勒苏柯尔克孜自治州": "Kizilsu Kirgiz Autonomous Prefecture",
    "阿克苏地区": "Aksu Prefecture",
    "果洛藏族自治州": "Golog Tibetan Autonomous Prefecture",
    "拉萨市": "Lhasa",
    "日喀则市": "Shigatse",
    "昌都市": "Qamdo",
    "林芝市": "Nyingchi",
    "那曲市": "Nagqu",
    "阿里地区": "Ngari Prefecture",
    # Districts named "New Area" (national-level new areas) and other names of their own.
    "滨海新区": "Binhai New Area",
    "浦东新区": "Pudong New Area",
    "两江新区": "Liangjiang New Area",
    "沈北新区": "Shenbei New District",
    "神农架林区": "Shennongjia Forestry District",
    "鄂伦春自治旗": "Oroqen Autonomous Banner",
    "鄂温克族自治旗": "Evenki Autonomous Banner",
    "龙胜各族自治县": "Longsheng Various Nationalities Autonomous County",
    "隆林各族自治县": "Longlin Various Nationalities Autonomous County",
    "海南行政区": "Hainan Administrative Region",
    "西沙群岛": "Xisha Islands",
    "南沙群岛": "Nansha Islands",
    "中沙群岛的岛礁及其海域": "Zhongsha Islands, Islets and Waters",
    "西沙、南沙、中沙群岛": "Xisha, Nansha and Zhongsha Islands",
}
"""Full Chinese name -> English name, where the rule does not apply."""

READINGS = {
    "都": "du",  # 丰都 Fengdu, 都匀 Duyun (pypinyin: dou)
    "长": "chang",  # 长垣 Changyuan, 天长 Tianchang (but 长子 Zhangzi, PHRASES)
    "乐": "le",  # 南乐 Nanle, 民乐 Minle (but 乐亭 Laoting, 乐清 Yueqing, PHRASES)
    "朝": "chao",  # 朝阳 Chaoyang
    "什": "shi",  # 什邡 Shifang, 乌什 Wushi
    "勒": "le",  # 库尔勒 Kuerle, 阿勒泰
    "柏": "bai",  # 万柏林 Wanbailin
    "佛": "fo",  # 佛冈 Fogang, 佛坪 Foping
    "卡": "ka",  # 浪卡子 Langkazi
    "尾": "wei",  # 马尾 Mawei
    "珲": "hun",  # 珲春 Hunchun
    "蚌": "beng",  # 蚌埠 Bengbu, 蚌山 Bengshan
    "涡": "guo",  # 涡阳 Guoyang
    "漯": "luo",  # 漯河 Luohe
    "覃": "qin",  # 覃塘 Qintang
    "筠": "jun",  # 筠连 Junlian
    "峙": "shi",  # 繁峙 Fanshi
    "浚": "xun",  # 浚县 Xun County
    "曾": "zeng",  # 曾都 Zengdu
    "圩": "xu",  # 龙圩 Longxu
    "单": "shan",  # 单县 Shan County
}
"""Character -> its reading in place names, where pypinyin's default is another one."""

PHRASES = {
    "长子": "zhang zi",
    "乐亭": "lao ting",
    "乐清": "yue qing",
    "荥经": "ying jing",
    "洪洞": "hong tong",
    "泊头": "bo tou",
    "闵行": "min hang",
    "穆棱": "mu ling",
    "六安": "lu an",
    "厦门": "xia men",
    "重庆": "chong qing",
}
"""Words whose reading differs from their characters' place-name readings."""

ETHNIC = {
    "蒙古": "Mongol",
    "回": "Hui",
    "藏": "Tibetan",
    "维吾尔": "Uyghur",
    "苗": "Miao",
    "彝": "Yi",
    "壮": "Zhuang",
    "布依": "Bouyei",
    "朝鲜": "Korean",
    "满": "Manchu",
    "侗": "Dong",
    "瑶": "Yao",
    "白": "Bai",
    "土家": "Tujia",
    "哈尼": "Hani",
    "哈萨克": "Kazakh",
    "傣": "Dai",
    "黎": "Li",
    "傈僳": "Lisu",
    "佤": "Va",
    "畲": "She",
    "高山": "Gaoshan",
    "拉祜": "Lahu",
    "水": "Sui",
    "东乡": "Dongxiang",
    "纳西": "Naxi",
    "景颇": "Jingpo",
    "柯尔克孜": "Kirgiz",
    "土": "Tu",
    "达斡尔": "Daur",
    "仫佬": "Mulao",
    "羌": "Qiang",
    "布朗": "Blang",
    "撒拉": "Salar",
    "毛南": "Maonan",
    "仡佬": "Gelao",
    "锡伯": "Xibe",
    "阿昌": "Achang",
    "普米": "Pumi",
    "塔吉克": "Tajik",
    "怒": "Nu",
    "乌孜别克": "Uzbek",
    "俄罗斯": "Russian",
    "鄂温克": "Evenki",
    "德昂": "De'ang",
    "保安": "Bonan",
    "裕固": "Yugur",
    "京": "Gin",
    "塔塔尔": "Tatar",
    "独龙": "Derung",
    "鄂伦春": "Oroqen",
    "赫哲": "Hezhen",
    "门巴": "Monba",
    "珞巴": "Lhoba",
    "基诺": "Jino",
}
"""The ethnic groups' names (without 族) -> their English names."""

TYPES = {
    "province": (("特别行政区", ""), ("自治区", ""), ("省", ""), ("市", "")),
    "city": (
        ("自治州", "Autonomous Prefecture"),
        ("地区", "Prefecture"),
        ("盟", "League"),
        ("市", ""),
    ),
    "county": (
        ("自治县", "Autonomous County"),
        ("自治旗", "Autonomous Banner"),
        ("矿区", "Mining District"),
        ("特区", "Special District"),
        ("区", "District"),
        ("县", "County"),
        ("市", ""),
        ("旗", "Banner"),
        ("镇", "Town"),
    ),
}
"""Per level, the type words a name may end with (longest first) and their English."""

BANNER_WORDS = (
    ("联合", "United"),
    ("左翼", "Left"),
    ("右翼", "Right"),
    ("左", "Left"),
    ("右", "Right"),
    ("前", "Front"),
    ("中", "Middle"),
    ("后", "Rear"),
)
"""Words at the end of a banner's name (before 旗) that are translated: 科尔沁右翼前旗 Ke'erqin
Right Front Banner."""

_VOWEL_START = re.compile(r"[aoe]")
_LATIN = re.compile(r"[A-Za-zü' ,]+")


def pinyin(text: str) -> str:
    """The place name ``text`` in pinyin, one capitalised word (六安 -> Lu'an)."""
    syllables = lazy_pinyin(text, style=Style.NORMAL, v_to_u=True, errors="exception")
    fixed = [READINGS.get(ch) for ch in text]
    for word, reading in PHRASES.items():
        start = text.find(word)
        while start != -1:
            fixed[start : start + len(word)] = reading.split()
            start = text.find(word, start + 1)
    syllables = [f or s for f, s in zip(fixed, syllables, strict=True)]
    word = syllables[0]
    for s in syllables[1:]:
        word += ("'" if _VOWEL_START.match(s) else "") + s
    return word[:1].upper() + word[1:]


def split_ethnic(rest: str) -> tuple[str, list[str]]:
    """(place name, ethnic groups in order) of ``rest``, the name before its type word, parsed
    from the end: each group written with 族, or without it for names of two characters or
    more (海西蒙古族藏族 -> 海西, [Mongol, Tibetan]; 巴里坤哈萨克 -> 巴里坤, [Kazakh])."""
    forms = sorted(
        [(c + "族", e) for c, e in ETHNIC.items()]
        + [(c, e) for c, e in ETHNIC.items() if len(c) > 1],
        key=lambda item: -len(item[0]),
    )
    groups: list[str] = []
    while True:
        for form, english in forms:
            if rest.endswith(form) and len(rest) > len(form):
                groups.insert(0, english)
                rest = rest[: -len(form)]
                break
        else:
            return rest, groups


def listed(items: list[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def english_name(name: str, level: str) -> str:
    """The English name of a region called ``name`` at ``level`` (see the module's rule)."""
    if name in OFFICIAL:
        return OFFICIAL[name]
    found = next((t for t in TYPES[level] if name.endswith(t[0]) and name != t[0]), None)
    if found is None:
        raise ValueError(f"{name} ({level}): no type word")
    chinese, type_word = found
    stem = name.removesuffix(chinese)
    words: list[str] = []
    if chinese.startswith("自治") or stem.endswith("族"):
        stem, groups = split_ethnic(stem)
        if groups and level != "province":
            words.append(listed(groups))
    if chinese == "旗":
        while True:
            for word, meaning in BANNER_WORDS:
                if stem.endswith(word) and len(stem) > len(word) + 1:
                    stem = stem[: -len(word)]
                    words.insert(0, meaning)
                    break
            else:
                break
    text = " ".join([pinyin(stem), *words, type_word]).strip()
    if not _LATIN.fullmatch(text):
        raise ValueError(f"{name}: English name {text!r} has other characters")
    return text
