"""Write N realistic park-news articles for benchmarks, deterministic from a seed.

usage: python benchmarks/make_corpus.py N OUT [--seed 7] [--jsonl]

Articles recombine the sentence shapes of the sample corpus (a park's GDP and growth, an
enterprise located in a park, a lab led by a company, a person's title and organisation,
policies implemented, cooperation, founding years) with generated but plausible parks, labs,
companies, people, policies and figures. Name pools grow with N, so the number of distinct
entities grows with the corpus as it does in real collections. A third of the articles are laid
out like PDF extractions (fixed-width lines with blank lines between them).
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

CITIES = ["苏州", "无锡", "常州", "南京", "合肥", "芜湖", "宁波", "温州", "嘉兴", "绍兴",
          "济南", "青岛", "潍坊", "烟台", "郑州", "洛阳", "武汉", "襄阳", "长沙", "株洲",
          "成都", "绵阳", "西安", "宝鸡", "广州", "深圳", "珠海", "佛山", "东莞", "厦门",
          "福州", "泉州", "南昌", "昆明", "贵阳", "南宁", "桂林", "太原", "石家庄", "沈阳",
          "大连", "长春"]
SYLLABLES = list("宏瑞腾达华晟鑫源博远创智芯云信诚恒泰安康宇航辰星海川明光微纳磁聚合新能锐通图灵")
DESCRIPTORS = ["科技", "智能科技", "生物医药", "新材料", "电子", "信息技术", "机器人", "半导体", "光电"]
LEGAL = ["有限公司", "股份有限公司", "有限责任公司"]
LAB_HEADS = ["实验室", "研究院", "创新中心", "产业技术研究院"]
PARK_HEADS = ["高新区", "经济技术开发区", "科技园", "产业园"]
UNIS = ["大学", "理工大学", "科技大学"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志坚海波")
TITLES = ["董事长", "总经理", "副总裁", "创始人兼CEO", "主任", "院长", "首席科学家"]
INDUSTRIES = ["人工智能", "集成电路", "生物医药", "新能源", "新材料",
              "智能制造", "数字经济", "物联网", "高端装备", "节能环保"]
POLICY_STEMS = ["英才", "领航", "雏鹰", "攀登", "强链", "智造", "创新", "振兴", "双招双引", "金种子"]
POLICY_HEADS = ["计划", "行动", "工程", "人才新政", "三年行动方案"]


class Names:
    """Pools of entity names whose sizes grow with the corpus size."""

    def __init__(self, rng: random.Random, n: int):
        self.rng = rng
        k = max(20, n // 3)

        def word(length: int) -> str:
            return "".join(rng.choice(SYLLABLES) for _ in range(length))

        self.parks = [f"{rng.choice(CITIES)}{word(2) if rng.random() < 0.4 else ''}{rng.choice(PARK_HEADS)}"
                      for _ in range(max(10, k // 10))]
        self.companies = [(city := rng.choice(CITIES), trade := word(2), desc := rng.choice(DESCRIPTORS),
                           f"{city}{trade}{desc}{rng.choice(LEGAL)}") for _ in range(k)]
        self.labs = [f"{word(2)}{rng.choice(LAB_HEADS)}" for _ in range(max(10, k // 5))]
        self.unis = [f"{rng.choice(CITIES)}{rng.choice(UNIS)}" for _ in range(30)]
        self.people = [rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
                       for _ in range(k)]
        self.policies = [f"{rng.choice(POLICY_STEMS)}{rng.choice(POLICY_HEADS)}" for _ in range(max(10, k // 8))]


FILLER = [
    "岁月镌刻光荣梦想，奋斗绘写壮美画卷。",
    "高质量发展是新时代的硬道理，科技创新是发展新质生产力的核心要素。",
    "唯有不断攀登，才能持续向上，创新是园区与生俱来的基因。",
    "从企业萌芽期的政策扶持、人才引进，到成长期的融资对接、员工子女教育医疗配套，服务覆盖企业全生命周期。",
    "好的营商环境就是生产力和竞争力，园区持续优化服务品牌，做到“不叫不到、随叫随到、服务周到、说到做到”。",
    "人才是第一资源，园区以更广的胸怀拥抱人才，以更优的平台成就人才，以更好的服务凝聚人才。",
    "招商引资是经济发展的“源头活水”，园区坚持一手抓科技创新，一手抓产业创新。",
    "高能级科创平台，是突破科学前沿和关键核心技术的实力担当。",
    "在全球新冠肺炎疫情影响和市场不稳定的环境下，园区正助力科技企业爬坡过坎。",
    "据介绍，面对当前复杂严峻的国际形势，园区科学统筹、积极应对，确保经济平稳运行。",
]


def article(rng: random.Random, names: Names, i: int) -> tuple[str, str]:
    """One article: a headline, then paragraphs of facts about several entities and general prose."""
    title = ""
    paragraphs = []
    for _ in range(rng.randint(4, 7)):
        t, ps = _facts(rng, names)
        title = title or t
        paragraphs += ps
        paragraphs.append("".join(rng.sample(FILLER, 4)))
    rng.shuffle(paragraphs)
    if i % 3 == 0:  # a PDF extraction: fixed-width lines with blank lines between them
        lines = []
        for p in paragraphs:
            lines += [p[j:j + 20] for j in range(0, len(p), 20)]
        text = "\n\n".join([title] + lines) + "\n"
    else:
        text = f"# {title}\n\n" + "\n\n".join(paragraphs) + "\n"
    return title, text


def _facts(rng: random.Random, names: Names) -> tuple[str, list[str]]:
    park = rng.choice(names.parks)
    city, trade, desc, company = rng.choice(names.companies)
    _, trade2, _, company2 = rng.choice(names.companies)
    lab = rng.choice(names.labs)
    uni = rng.choice(names.unis)
    person, person2 = rng.choice(names.people), rng.choice(names.people)
    policy, policy2 = rng.choice(names.policies), rng.choice(names.policies)
    year = rng.choice((2021, 2022, 2023, 2024))
    gdp = rng.uniform(300, 3500)
    ind = rng.choice(INDUSTRIES)
    short = f"{trade}{desc}"
    title = f"{park}：以创新驱动高质量发展"
    sentences = [
        f"{year}年，{park}实现地区生产总值{gdp:.1f}亿元、同比增长{rng.uniform(1, 12):.1f}%；"
        f"规模以上工业增加值{gdp * rng.uniform(0.2, 0.4):.1f}亿元，同比增长{rng.uniform(1, 12):.1f}%。",
        f"近年来，{park}深入实施“{policy}”和“{policy2}”，持续优化营商环境，加快培育发展新质生产力。",
        f"{park}企业{company}（以下简称“{short}”）成立于{rng.randint(2000, 2020)}年，是{ind}领域的佼佼者。",
        f"“这里的创新生态让我们发展更有底气。”{short}{rng.choice(TITLES)}{person}表示。",
        f"{lab}是由{company2}牵头、{uni}共建的新型研发机构，自{year - rng.randint(1, 4)}年在{park}成立以来成果丰硕。",
        f"{short}与{uni}签署战略合作协议，双方将在{ind}领域开展联合攻关。",
        f"{year}年，{park}新增发明专利授权量{rng.randint(300, 9000)}件，实际利用外资{rng.uniform(1, 30):.2f}亿美元。",
        f"{uni}{rng.choice(('教授', '研究员'))}{person2}认为，产学研深度融合是{park}的突出优势。",
        f"位于{park}的{lab}已集聚科研人员{rng.randint(100, 2000)}人，在{ind}等方向取得一批成果。",
        f"下一步，{park}将聚焦{ind}、{rng.choice(INDUSTRIES)}等产业赛道，打造具有全球影响力的创新创业高地。",
    ]
    rng.shuffle(sentences)
    body = sentences[: rng.randint(6, len(sentences))]
    return title, ["".join(body[k:k + 3]) for k in range(0, len(body), 3)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jsonl", action="store_true", help="one corpus.jsonl instead of one file an article")
    a = ap.parse_args(argv)
    rng = random.Random(a.seed)
    names = Names(rng, a.n)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    if a.jsonl:
        with (out / "corpus.jsonl").open("w", encoding="utf-8") as fh:
            for i in range(a.n):
                title, text = article(rng, names, i)
                fh.write(json.dumps({"id": f"a{i:06d}", "title": title, "text": text}, ensure_ascii=False) + "\n")
    else:
        for i in range(a.n):
            _, text = article(rng, names, i)
            sub = out / f"{i // 1000:03d}"
            sub.mkdir(exist_ok=True)
            (sub / f"a{i:06d}.txt").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
