"""worksFor from the posts before a person's name (sentences and names of our own, rules only)."""

from conftest import process


def works_for(pipeline, text):
    doc = process(pipeline, text)
    return {(f.subject.name, f.object.name) for f in doc.relations if f.predicate == "worksFor"}


def test_persons_post_chain_gives_every_organisation(rules_pipeline):
    got = works_for(rules_pipeline, "青川高新区党工委委员、管委会副主任陈志远表示，将加快推进。")
    assert ("陈志远", "青川高新区党工委") in got


def test_persons_chain_of_two_named_organisations(rules_pipeline):
    got = works_for(rules_pipeline, "会上，青川大学副校长、青川北辰光电有限公司董事长林海波致辞。")
    assert {("林海波", "青川大学"), ("林海波", "青川北辰光电有限公司")} <= got


def test_persons_bare_park_word_is_not_an_employer(rules_pipeline):
    """高新区党工委副书记 without the park's name: no worksFor to whatever park is in focus."""
    got = works_for(rules_pipeline, "青川软件园开园。高新区党工委副书记、管委会主任陈志远出席。")
    assert not any(o == "青川软件园" for _, o in got)
