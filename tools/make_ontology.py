"""Writes ontology/parkgraph.ttl from the tables below (run: python tools/make_ontology.py).

The ontology is generated so that every class and property has both labels, a comment, and
a domain and range consistent with the graph contract; the file is checked in and a test
checks it is current.
"""

from pathlib import Path

HEADER = """@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<https://w3id.org/parkgraph/ontology> a owl:Ontology ;
    rdfs:label "parkgraph ontology"@en , "园区知识图谱本体"@zh ;
    rdfs:comment "Classes and properties of the parkgraph knowledge graph of Chinese high-tech parks, following GRAPH-CONTRACT.md."@en ;
    owl:versionInfo "0.1.0" .

pg:Entity a owl:Class ; rdfs:label "Entity"@en , "实体"@zh ;
    rdfs:comment "Anything the graph names: the superclass of the fourteen entity classes."@en .
"""

CLASSES = [
    ("Park", "Park", "园区", "A designated development zone or cluster area: 高新区, 开发区, 产业园, 科学城, 特别合作区."),
    ("Lab", "Laboratory or research institute", "实验室/研究机构", "A laboratory, research institute, innovation or transfer centre, big science facility or computing centre."),
    ("Enterprise", "Enterprise", "企业", "A company or business group."),
    ("University", "University", "高校", "A university or college."),
    ("GovernmentBody", "Government body", "政府机构", "A ministry, government office, bureau, party committee or management committee."),
    ("Organization", "Organization", "组织", "Any other organisation: exchanges, associations, incubators, service centres."),
    ("Fund", "Fund", "基金", "An investment or guidance fund."),
    ("Policy", "Policy", "政策", "A named policy, plan, programme, strategy, action, regulation or planning document."),
    ("Person", "Person", "人物", "A named person."),
    ("Place", "Place", "地区", "A country, province, city, district or region."),
    ("Industry", "Industry", "产业", "An industry, sector, technology track or industrial cluster."),
    ("Award", "Award", "荣誉", "An honour or prize."),
    ("Event", "Event", "活动", "A named event: conference, competition, games, gala."),
    ("Project", "Project", "项目", "A named construction or investment project or production base."),
]
OTHER_CLASSES = [
    ("Document", "Document", "文档", "One input article.", "prov:Entity"),
    ("Observation", "Statistical observation", "统计观测", "A figure such as GDP about an entity, with indicator, year, value and unit.", None),
    ("Role", "Role", "职务", "A person's title in an organisation (qualifies pg:worksFor).", None),
    ("Indicator", "Indicator", "指标", "A statistical indicator (pg:GDP …).", None),
    ("Unit", "Unit", "单位", "A unit of an observation's value.", None),
]
ORG = ["Park", "Lab", "Enterprise", "University", "GovernmentBody", "Organization", "Fund"]
OBJECT_PROPERTIES = [
    ("locatedIn", "located in", "位于", "The park or place the subject is located in.", None, ["Park", "Place"]),
    ("partOf", "part of", "隶属园区", "A park that is part of a larger park (一区多园).", ["Park"], ["Park"]),
    ("ledBy", "led by", "牵头单位", "The organisation that leads a lab, organisation or project (由X牵头).", ["Lab", "Organization", "Project"], ORG),
    ("establishedBy", "established by", "设立方", "The organisation or park that established the subject (由X与Y联合共建).", None, ORG + ["Place"]),
    ("affiliatedWith", "affiliated with", "隶属于", "The university, lab or enterprise a lab belongs to.", ["Lab"], ["University", "Lab", "Enterprise", "Organization"]),
    ("worksFor", "works for", "任职于", "The organisation a person works for; the title is on a pg:Role.", ["Person"], ORG),
    ("implements", "implements", "实施", "A policy that a park, government body or organisation implements.", ORG + ["Place"], ["Policy"]),
    ("industry", "industry", "所属产业", "An industry the subject works in or builds up.", ["Enterprise", "Park", "Lab"], ["Industry"]),
    ("receivedAward", "received award", "获得荣誉", "An honour the subject received.", None, ["Award"]),
    ("cooperatesWith", "cooperates with", "合作", "Cooperation between organisations (symmetric).", ORG, ORG),
    ("mentionedIn", "mentioned in", "提及于", "A document that mentions the entity.", None, ["Document"]),
    ("observedEntity", "observed entity", "观测对象", "The entity an observation is about.", ["Observation"], None),
    ("indicator", "indicator", "指标", "The indicator an observation measures.", ["Observation"], ["Indicator"]),
    ("unit", "unit", "单位", "The unit of an observation's value.", ["Observation"], ["Unit"]),
    ("person", "person", "人员", "The person holding a role.", ["Role"], ["Person"]),
    ("organization", "organization", "机构", "The organisation of a role.", ["Role"], ORG),
]
DATA_PROPERTIES = [
    ("foundingYear", "founding year", "成立年份", "The year the entity was founded (创办于/成立于).", None, "xsd:gYear"),
    ("mentionCount", "mention count", "提及次数", "How many times the corpus mentions the entity.", None, "xsd:integer"),
    ("recognizedBy", "recognized by", "识别规则", "A rule or lexicon that recognised the entity.", None, "xsd:string"),
    ("correctedBy", "corrected by", "人工修正", "A user correction (file#line) that changed the entity.", None, "xsd:string"),
    ("title", "title", "职务名称", "A person's title in a role.", ["Role"], "rdf:langString"),
    ("year", "year", "年份", "The year of an observation.", ["Observation"], "xsd:gYear"),
    ("value", "value", "数值", "The observation's value in base units (yuan, not 亿元; percent as percent).", ["Observation"], "xsd:decimal"),
    ("months", "months", "月数", "For a figure covering part of a year: the months it covers from January (上半年 6, 前三季度 9, 1-8月 8, 一季度 3); absent for a whole year. A period that does not start in January (二季度, 下半年) is not recorded.", ["Observation"], "xsd:integer"),
    ("growthRate", "growth rate", "增长率", "Year-on-year growth in percent (同比增长).", ["Observation"], "xsd:decimal"),
    ("sourceText", "source text", "原文数值", "The figure as the text writes it (2467.9亿元).", ["Observation"], "rdf:langString"),
    ("sourceFile", "source file", "源文件", "Path of the document relative to the corpus root.", ["Document"], "xsd:string"),
    ("sha256", "SHA-256", "SHA-256", "SHA-256 of the document's bytes.", ["Document"], "xsd:string"),
    ("evidenceText", "evidence text", "证据句", "The sentence a fact was extracted from.", ["rdf:Statement"], "rdf:langString"),
    ("charStart", "character start", "起始偏移", "Offset of the sentence's first character in the normalised document text.", ["rdf:Statement"], "xsd:integer"),
    ("charEnd", "character end", "结束偏移", "Offset just after the sentence's last character in the normalised text.", ["rdf:Statement"], "xsd:integer"),
    ("confidence", "confidence", "置信度", "How sure the extractor is (0–1).", ["rdf:Statement"], "xsd:decimal"),
    ("extractor", "extractor", "抽取器", "The rule or pattern id that produced the fact.", ["rdf:Statement"], "xsd:string"),
]
INDICATORS = [
    ("GDP", "Gross domestic product", "地区生产总值"), ("IndustrialValueAdded", "Industrial value added above scale", "规模以上工业增加值"),
    ("IndustrialOutput", "Industrial output above scale", "规模以上工业总产值"), ("FixedAssetInvestment", "Fixed-asset investment", "固定资产投资"),
    ("RDIntensity", "R&D intensity", "R&D经费投入强度"), ("TechTransactionVolume", "Technology transaction volume", "技术交易额"),
    ("DigitalEconomyValueAdded", "Digital economy core industries value added", "数字经济核心产业增加值"),
    ("ForeignInvestmentUtilized", "Foreign investment utilised", "实际利用外资"),
    ("InventionPatentsGranted", "Invention patents granted", "新增发明专利授权量"), ("PatentsGranted", "Patents granted", "专利授权量"),
    ("InventionPatentsPer10k", "Invention patents per 10,000 people", "每万人发明专利拥有量"), ("TalentInflow", "Talent inflow", "新引进人才"),
    ("GraduateInflow", "Graduates attracted", "新引进大学生"), ("ListedCompanies", "Listed companies", "上市公司"),
    ("HighTechEnterprises", "National high-tech enterprises", "国家级高新技术企业"), ("NewEnterprises", "New enterprises", "新设企业"),
    ("Revenue", "Revenue", "营业收入"), ("TotalInvestment", "Total investment", "总投资"),
]
UNITS = [("CNY", "Chinese yuan", "人民币元"), ("USD", "US dollar", "美元"), ("Percent", "Percent", "百分比"), ("Count", "Count", "个数")]


def _union(classes):
    if classes is None:
        return None
    names = [c if ":" in c else f"pg:{c}" for c in classes]
    if len(names) == 1:
        return names[0]
    return "[ a owl:Class ; owl:unionOf ( " + " ".join(names) + " ) ]"


def main() -> str:
    out = [HEADER]
    for name, en, zh, comment in CLASSES:
        out.append(f'pg:{name} a owl:Class ; rdfs:subClassOf pg:Entity ;\n    rdfs:label "{en}"@en , "{zh}"@zh ;\n'
                   f'    rdfs:comment "{comment}"@en .\n')
    for name, en, zh, comment, sup in OTHER_CLASSES:
        s = f" ; rdfs:subClassOf {sup}" if sup else ""
        out.append(f'pg:{name} a owl:Class{s} ;\n    rdfs:label "{en}"@en , "{zh}"@zh ;\n    rdfs:comment "{comment}"@en .\n')
    for name, en, zh, comment, dom, rng in OBJECT_PROPERTIES:
        extra = " , owl:SymmetricProperty" if name == "cooperatesWith" else ""
        lines = [f"pg:{name} a owl:ObjectProperty{extra} ;", f'    rdfs:label "{en}"@en , "{zh}"@zh ;',
                 f'    rdfs:comment "{comment}"@en']
        if dom is not None:
            lines[-1] += f" ;\n    rdfs:domain {_union(dom)}"
        if rng is not None:
            lines[-1] += f" ;\n    rdfs:range {_union(rng)}"
        out.append("\n".join(lines) + " .\n")
    for name, en, zh, comment, dom, rng in DATA_PROPERTIES:
        lines = [f"pg:{name} a owl:DatatypeProperty ;", f'    rdfs:label "{en}"@en , "{zh}"@zh ;',
                 f'    rdfs:comment "{comment}"@en']
        if dom is not None:
            lines[-1] += f" ;\n    rdfs:domain {_union(dom)}"
        lines[-1] += f" ;\n    rdfs:range {rng}"
        out.append("\n".join(lines) + " .\n")
    for name, en, zh in INDICATORS:
        out.append(f'pg:{name} a pg:Indicator , owl:NamedIndividual ; rdfs:label "{en}"@en , "{zh}"@zh .')
    out.append("")
    for name, en, zh in UNITS:
        out.append(f'pg:{name} a pg:Unit , owl:NamedIndividual ; rdfs:label "{en}"@en , "{zh}"@zh .')
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    Path(__file__).resolve().parent.parent.joinpath("ontology", "parkgraph.ttl").write_text(main(), encoding="utf-8")
