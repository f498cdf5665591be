"""The park a story is about: default subject or object when the sentence leaves it out, and the
park that 高新区 / 园区 / 我区 point at. Sentences and names of our own (rules only)."""

import pytest

from parkgraph.document import Mention
from parkgraph.extract.relations.focus import focus_park, in_focus, park_references, reference_words
from parkgraph.resources import load_resources

from conftest import process


def facts(pipeline, text):
    doc = process(pipeline, text)
    return {(f.subject.name, f.predicate, f.object if f.literal else f.object.name) for f in doc.relations}


@pytest.mark.parametrize("text, fact", [
    # the members of the park's story: its park named before the cue, else left out
    ("青川高新区今年引进了青川云帆科技有限公司、青川数智科技有限公司等5家企业。",
     ("青川数智科技有限公司", "locatedIn", "青川高新区")),
    ("青川高新区召开大会。园区聚集了青川光启科技有限公司、青川远航科技有限公司等一批骨干企业。",
     ("青川远航科技有限公司", "locatedIn", "青川高新区")),
    ("青川高新区召开大会。青川北辰光电有限公司、青川宏图智造有限公司等园区企业将新建厂房。",
     ("青川宏图智造有限公司", "locatedIn", "青川高新区")),
    ("青川高新区召开大会。我区青川北辰光电有限公司、青川宏图智造有限公司参加座谈。",
     ("青川北辰光电有限公司", "locatedIn", "青川高新区")),
    ("青川高新区召开大会。1—9月，推动青川环保材料产业化项目、青川智能终端生产线项目建成投产。",
     ("青川智能终端生产线项目", "locatedIn", "青川高新区")),
    ("青川高新区召开大会。其中，青川明达电子有限公司投资12亿元，主要生产传感器。",
     ("青川明达电子有限公司", "locatedIn", "青川高新区")),
    ("近日，青川高新区相继引进青川北辰光电有限公司总部和青川宏图智造有限公司。",
     ("青川宏图智造有限公司", "locatedIn", "青川高新区")),
    # sub-parks, founding, awards, cooperation with the park left out
    ("青川高新区召开大会。青川高新区形成了青川软件园、青川光谷产业园等十余个园中园。",
     ("青川光谷产业园", "partOf", "青川高新区")),
    ("青川高新区由青川软件园和青川光谷产业园两部分构成。", ("青川软件园", "partOf", "青川高新区")),
    ("青川高新区于1995年经省政府批准成立。", ("青川高新区", "foundingYear", "1995")),
    ("青川高新区召开大会。受青川高新区委托，青川发展研究院开展调研。",
     ("青川高新区", "cooperatesWith", "青川发展研究院")),
    ("青川高新区召开大会。该园区位于青海省西部。", ("青川高新区", "locatedIn", "青海省")),
])
def test_focus_fills_the_left_out_park(rules_pipeline, text, fact):
    assert fact in facts(rules_pipeline, text)


def test_focus_member_cue_needs_a_park(rules_pipeline):
    got = facts(rules_pipeline, "此次签约的项目中，青川北辰光电有限公司、青川宏图智造有限公司等园区企业将新建厂房。")
    assert not any(p == "locatedIn" for _, p, _ in got)


def test_focus_story_park_over_a_sub_park(rules_pipeline):
    """A sub-park named once does not take the story's facts (获批建设X科技园，成立Y)."""
    text = ("青川高新区成立于1995年。青川高新区获批建设青川大学科技园。"
            "出台“青川人才十条”等政策，深入实施“青川好办”服务。")
    got = facts(rules_pipeline, text)
    assert ("青川高新区", "implements", "青川人才十条") in got
    assert not any(s == "青川大学科技园" for s, p, _ in got if p == "implements")


def test_focus_follows_the_story_in_a_document_of_several():
    words, rx = reference_words(str(load_resources(use_lexicon=False).data_dir))
    a = Mention(0, 5, "青川高新区", "Park", "t")
    b = Mention(20, 25, "青川高新区", "Park", "t")
    c = Mention(40, 47, "青川大学科技园", "Park", "t")
    assert focus_park([a, b, c], words) is a
    text = "青川高新区召开大会。园区引进了两家企业。"
    refs = park_references(text, 10, len(text), [], a, rx)
    assert [r.text for r in refs] == ["园区"]
    assert in_focus(refs[0], a, words) is a
    # a category, not a reference: 升级为国家级高新区
    assert park_references("升级为国家级高新区。", 0, 10, [], a, rx) == []
