"""Each entity recogniser of `parkgraph.extract.recognizers` on sentences of our own (rules only,
no lexicon): the kinds of writing issue 11 found the rules missing on news of other parks."""

import pytest

from conftest import names, process


@pytest.mark.parametrize("text, cls, name", [
    # persons: a name ends where a word that follows names begins (以及, 出席, 主持 …)
    ("市发改委副主任林可以及区领导参加调研。", "Person", "林可"),
    ("区政协副主席郑远出席会议。", "Person", "郑远"),
    ("签约仪式由管委会副主任苏青主持。", "Person", "苏青"),
    # a rank before the title belongs to the title, not to the organisation
    ("青川省政府副秘书长顾衡出席。", "GovernmentBody", "青川省政府"),
    # government bodies: the people's congress, CPPCC, SASAC … and a bare 市/省 before a bureau
    ("区人大常委会副主任周济一行莅临调研。", "GovernmentBody", "区人大常委会"),
    ("市发改委主任田野陪同。", "GovernmentBody", "市发改委"),
    ("白塔市政协副主席宋词出席。", "GovernmentBody", "白塔市政协"),
    ("白塔高新区工委书记李达讲话。", "GovernmentBody", "白塔高新区工委"),
    # organisations with alliance and federation heads
    ("青川智能制造产业发展联盟正式成立。", "Organization", "青川智能制造产业发展联盟"),
    # parks named by a sub-area head
    ("白塔高新区北湖片区集中签约12个项目。", "Park", "白塔高新区北湖片区"),
    ("项目落户白塔高新区雁北园区。", "Park", "白塔高新区雁北园区"),
])
def test_recognizers_find_kinds_of_names(rules_pipeline, text, cls, name):
    assert name in names(process(rules_pipeline, text), cls)


@pytest.mark.parametrize("text, cls, name", [
    ("副局长林可以及区领导参加调研。", "Person", "林可以"),
    ("中国园区发展迅速。", "Park", "中国园区"),   # a place and a head name no park
    ("陕北省政府副秘书长顾衡出席。", "GovernmentBody", "陕北省政府副"),
])
def test_recognizers_do_not_take(rules_pipeline, text, cls, name):
    assert name not in names(process(rules_pipeline, text), cls)


def test_quoted_policy_is_also_known_by_its_quoted_words(rules_pipeline):
    doc = process(rules_pipeline, "白塔市全力推进“青山绿谷”战略，构建“2+4+1”产业发展体系。")
    by_name = {m.name: m for m in doc.mentions if m.cls == "Policy"}
    assert by_name["青山绿谷战略"].extra_forms == ("青山绿谷",)
    assert by_name["2+4+1产业发展体系"].extra_forms == ()   # a code names nothing without its head


def test_quoted_policy_forms_are_one_entity(rules_pipeline):
    from test_resolve import entity_named, resolve_texts

    ents, _ = resolve_texts(rules_pipeline, "白塔市全力推进“青山绿谷”战略。")
    policy = entity_named(ents, "青山绿谷")
    assert {"青山绿谷", "青山绿谷战略"} <= {policy.label, *policy.aliases}


@pytest.mark.parametrize("text, members", [
    # a head noun after the list, with 等, a count or a description between
    ("园区已拥有青禾、澜昇、卓岚等航空企业14家。", {"青禾", "澜昇", "卓岚"}),
    ("会上，青禾生物、澜昇路桥、星海研究院3家单位作了发言。", {"青禾生物", "澜昇路桥"}),
    ("装备产业聚集了青禾机械、澜昇电缆等一批骨干企业。", {"青禾机械", "澜昇电缆"}),
    # a head noun right before it
    ("重点招商引资企业鑫禾燃气、澜菱信息、汇卓时代实现挂牌。", {"鑫禾燃气", "澜菱信息", "汇卓时代"}),
    # a member the rules know: the others are of its kind
    ("引进了青禾控股集团、澜昇动力、卓岚基因等项目。", {"澜昇动力", "卓岚基因"}),
])
def test_enumeration_members_take_the_list_class(rules_pipeline, text, members):
    assert members <= names(process(rules_pipeline, text), "Enterprise")


@pytest.mark.parametrize("text, not_members", [
    ("用好企业研发机构、知名高校等资源。", {"研发机构", "知名高校"}),   # common nouns
    ("邀请青禾集团董事长刘立、澜昇公司总经理王平等企业家。", {"青禾集团董事长刘立"}),  # holds other names
    ("税务局、海关、统计等部门与青禾集团座谈。", {"税务局", "海关"}),
])
def test_enumeration_does_not_take(rules_pipeline, text, not_members):
    assert not (not_members & names(process(rules_pipeline, text), "Enterprise"))


def test_persons_listed_after_a_titled_one_share_the_title(rules_pipeline):
    doc = process(rules_pipeline, "白塔市副市长张明、李华、王强陪同调研。")
    persons = {m.name: m for m in doc.mentions if m.cls == "Person"}
    assert {"张明", "李华", "王强"} <= set(persons)
    assert persons["王强"].title == "副市长"


@pytest.mark.parametrize("text, cls, name", [
    ("南京·青禾科技园二期开工。", "Park", "南京·青禾科技园"),              # a place joined by a dot
    ("本报讯（记者林一）青禾高新区今年新签项目30个。", "Park", "青禾高新区"),  # not the byline
    ("打造千亿级智能装备产业园，", "Park", "智能装备产业园"),               # not the figure's tail
    ("青禾集团轮值总裁王平出席。", "Enterprise", "青禾集团"),               # 轮值 is the title's
])
def test_names_start_where_they_should(rules_pipeline, text, cls, name):
    assert name in names(process(rules_pipeline, text), cls)


def test_persons_are_not_bodies_after_a_title(rules_pipeline):
    doc = process(rules_pipeline, "党工委委员、管委会副主任李文出席。")
    assert "管委会" not in names(doc, "Person") and "李文" in names(doc, "Person")


def test_persons_with_organisation_and_title_in_brackets_after(rules_pipeline):
    doc = process(rules_pipeline, "他说刘青山（青禾科技有限公司董事长）介绍了情况。")
    person = next(m for m in doc.mentions if m.cls == "Person")
    assert person.name == "刘青山" and person.title == "董事长"
    assert [o.text for o in person.org_spans] == ["青禾科技有限公司"]


def test_enumeration_of_sub_parks_before_a_count(rules_pipeline):
    doc = process(rules_pipeline, "青川高新区下辖东湖园、西山园两个园区。")
    assert {"东湖园", "西山园"} <= names(doc, "Park")


@pytest.mark.parametrize("text, name", [
    ("白塔市全面落实强省会战略，推动产业升级。", "强省会战略"),
    ("按照已出台的青山之城建设规划，本年度内基本建成。", "青山之城建设规划"),
])
def test_unquoted_policy_after_a_policy_verb(rules_pipeline, text, name):
    assert name in names(process(rules_pipeline, text), "Policy")


@pytest.mark.parametrize("text, name", [
    ("各部门认真落实配套方案。", "配套方案"),          # generic words only
    ("建立了规划联络人制度。", "规划联络人制"),         # the head must end a word
])
def test_unquoted_policy_not_taken(rules_pipeline, text, name):
    assert name not in names(process(rules_pipeline, text), "Policy")


@pytest.mark.parametrize("text, name, found", [
    ("引进了青禾打印机配套项目。", "青禾打印机配套项目", True),        # a verb inside a product's name
    ("新区推进丙烷脱氢项目建设。", "丙烷脱氢项目", True),
    ("市委书记刘立宣布项目开工。", "书记刘立宣布项目", False),        # a clause, not a name
    ("园区共有新动能项目12个。", "新动能项目", False),                 # generic words only
])
def test_project_names(rules_pipeline, text, name, found):
    assert (name in names(process(rules_pipeline, text), "Project")) is found


def test_enumeration_of_sub_parks_by_their_known_members(rules_pipeline):
    doc = process(rules_pipeline, "形成了青禾科技产业园、智能装备园、大学科技园等功能区块。")
    assert {"智能装备园", "大学科技园"} <= names(doc, "Park")


@pytest.mark.parametrize("text, cls, name", [
    ("总部设在澜湾经济技术开发区的青禾科技有限公司营收突破10亿元。", "Park", "澜湾经济技术开发区"),
    ("星港软件园隶属于东岚高新区。", "Park", "东岚高新区"),
    ("海韵智能科技有限公司同东岚大学共建实验室。", "University", "东岚大学"),
])
def test_names_do_not_swallow_the_verb_before(rules_pipeline, text, cls, name):
    assert name in names(process(rules_pipeline, text), cls)


def test_titles_joined_by_jian_stay_one_title(rules_pipeline):
    doc = process(rules_pipeline, "海韵智能科技有限公司创始人兼首席执行官周启明介绍。")
    person = next(m for m in doc.mentions if m.cls == "Person")
    assert person.title == "创始人兼首席执行官" and [o.text for o in person.org_spans] == ["海韵智能科技有限公司"]


@pytest.mark.parametrize("text, cls, name", [
    ("2019年，青川光电有限公司签约落地青枫科技城。", "Park", "青枫科技城"),            # 落地 is no part of it
    ("江屿理工大学国家大学科技园揭牌。", "Park", "江屿理工大学国家大学科技园"),          # a university's park
])
def test_park_names_after_verbs_and_universities(rules_pipeline, text, cls, name):
    assert name in names(process(rules_pipeline, text), cls)


@pytest.mark.parametrize("text, name, cls", [
    ("位于溪南新区的启明光电（杭州）有限公司是一家外资企业。", "启明光电（杭州）有限公司", "Enterprise"),
    ("依托东岚大学建设的先进轧制技术全国重点实验室通过评估。", "先进轧制技术全国重点实验室", "Lab"),
    ("泰和湾区管委会发布公告。", "泰和湾区管委会", "GovernmentBody"),  # 泰和|湾区: a guessed place
    ("银河湾数字经济产业园由城投公司运营。", "银河湾数字经济产业园", "Park"),
    ("中国航天装备集团第七一三研究所与园区签约。", "中国航天装备集团第七一三研究所", "Lab"),
    ("华岳重工股份有限公司苏州分公司产值增长。", "华岳重工股份有限公司苏州分公司", "Enterprise"),
    ("德国博恩施泰因精密机械公司投资2亿欧元。", "德国博恩施泰因精密机械公司", "Enterprise"),
    ("省工业和信息化厅发布通知。", "省工业和信息化厅", "GovernmentBody"),
    ("锦溪市人力资源和社会保障局发布公告。", "锦溪市人力资源和社会保障局", "GovernmentBody"),
    ("省财政厅下达资金。", "省财政厅", "GovernmentBody"),
    ("中共锦溪市委组织部发布公告。", "中共锦溪市委组织部", "GovernmentBody"),
    ("在西沣科技创新港，团队正在攻关。", "西沣科技创新港", "Park"),
    ("由青峰资本、省科创投资集团共同发起设立。", "青峰资本", "Enterprise"),  # a list's known last member
    ("KX华晟半导体与园区签约。", "KX华晟半导体", "Enterprise"),  # capitals begin a trade name
    ("华锦光电荣获中国专利金奖。", "华锦光电", "Enterprise"),  # 荣获: a company cue
    ("中国工程院院士李德明领衔建设。", "李德明", "Person"),
    ("新闻发言人蒋丽华通报了情况。", "蒋丽华", "Person"),
    ("美国维斯塔医疗器械公司亚太区总裁马克·霍尔表示，将加大投资。", "马克·霍尔", "Person"),
    ("西部（重庆）科学城聚集高校28所。", "西部（重庆）科学城", "Park"),  # 西部 before a bracketed place
    ("长白山人参产业园获批创建示范园区。", "长白山人参产业园", "Park"),  # 获|批 split by jieba
    ("上海恒析仪器有限公司高端质谱仪研发生产项目开工。", "上海恒析仪器有限公司", "Enterprise"),
    ("金城新区科技创新投资基金正式设立。", "金城新区科技创新投资基金", "Fund"),
    ("园区企业星衍医疗获得了一等奖。", "星衍医疗", "Enterprise"),  # after 企业
    ("据了解，华宸数科是一家平台企业。", "华宸数科", "Enterprise"),  # 数|科 cut by jieba
    ("园区内的金石湖众创空间服务团队300个。", "金石湖众创空间", "Organization"),
    ("青云谷数字产业园运营方负责人许佳宁说，园区很忙。", "青云谷数字产业园", "Park"),
])
def test_names_of_kinds_the_unseen_set_showed(rules_pipeline, text, name, cls):
    assert name in names(process(rules_pipeline, text), cls)


def test_parks_coordinated_before_a_count_share_the_head(rules_pipeline):
    doc = process(rules_pipeline, "柘溪、栖凤两个省级经济开发区同时获批扩区。")
    assert {m.surface for m in doc.mentions if m.cls == "Park"} >= {"柘溪经济开发区", "栖凤经济开发区"}


def test_a_regional_unit_before_a_title_is_no_organisation(rules_pipeline):
    doc = process(rules_pipeline, "美国维斯塔医疗器械公司亚太区总裁马克·霍尔表示，将加大投资。")
    assert "亚太区" not in names(doc, "Enterprise")


def test_a_list_of_roles_is_no_list_of_firms(rules_pipeline):
    doc = process(rules_pipeline, "省政协委员、省侨联常委、青禾集团董事长王立新出席。")
    assert not {"省政协委员", "省侨联常委"} & names(doc, "Enterprise")


@pytest.mark.parametrize("text, wrong", [
    ("企业将把总部搬迁至园区。", "总部搬迁至园区"),  # a clause before a common-noun head
    ("园区共有院士工作站8家。", "院士工作站"),
    ("园区党工委书记王一鸣作报告。", "党工委"),  # a head without a name
    ("申报省级制造业创新中心。", "制造业创新中心"),  # a category
    ("公司将在园区设立亚太研发中心。", "亚太研发中心"),
    ("国家专业化众创空间建设取得成效。", "国家专业化众创空间"),
])
def test_descriptions_are_no_names(pipeline, text, wrong):
    assert wrong not in names(process(pipeline, text))
