"""A seeded, believable network for demos and benchmarks, and a fast bulk loader for it.

``generate(people=60, interactions=600, seed=7, today=date.today())`` builds plain records:
people from many cultures with their e-mails, phones, jobs, tags and birthdays, organizations,
events, and years of interactions with notes, ledger entries and follow-ups. The same arguments
always give the same sample. ``load(store, sample)`` writes it for ``store.owner_id`` with
SQLAlchemy Core bulk inserts in one transaction, then refreshes the planner's statistics;
``insert_plan`` gives the exact rows it writes, so a benchmark can insert the very same rows
another way (``bench/raw.py`` does).

Records refer to each other by their index in the sample's lists (``Interaction.people`` holds
indexes into ``Sample.people``). Loading the same seed twice into one database is refused
(``Conflict``): people's ``uid``s come from the seed; use another seed for a second sample.
"""

from __future__ import annotations

import bisect
import calendar
import random
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from sqlalchemy import Connection, Table, func, insert, select, text

from kithkin.core.search_text import person_search_text
from kithkin.core.vocabulary import Channel
from kithkin.core.warmth import add_touch
from kithkin.errors import Conflict
from kithkin.store import Store, data_version
from kithkin.store.tables import (
    OrganizationRow,
    PersonRow,
)

# -- the records ---------------------------------------------------------------------------


class Organization(NamedTuple):
    name: str
    domain: str
    industry: str


class Phone(NamedTuple):
    raw: str  # as typed, e.g. "+49 30 1234567" or "(415) 555-0123"
    e164: str
    label: str


class Address(NamedTuple):
    label: str
    locality: str
    region: str
    country: str


class Job(NamedTuple):
    organization: int  # index into Sample.organizations
    title: str
    start: date | None
    end: date | None
    current: bool


@dataclass(slots=True)
class Person:
    uid: str
    display_name: str
    given_name: str
    family_name: str
    middle_name: str = ""
    prefix: str = ""
    suffix: str = ""
    nicknames: list[str] = field(default_factory=list)
    emails: list[tuple[str, str]] = field(default_factory=list)  # (address, label)
    phones: list[Phone] = field(default_factory=list)
    urls: list[tuple[str, str]] = field(default_factory=list)  # (url, label)
    addresses: list[Address] = field(default_factory=list)
    jobs: list[Job] = field(default_factory=list)  # oldest first; the current one last
    tags: list[str] = field(default_factory=list)
    interests: list[str] = field(default_factory=list)
    birthday: tuple[int | None, int, int] | None = None  # (year or None, month, day)
    circle: str = "network"
    cadence_days: int | None = None
    mode: str = "both"
    met_how: str = ""
    met_on: date | None = None
    met_event: int | None = None  # index into Sample.events
    notes: str = ""
    created_at: datetime = datetime(2020, 1, 1, tzinfo=UTC)
    updated_at: datetime = datetime(2020, 1, 1, tzinfo=UTC)


class Relationship(NamedTuple):
    person: int
    other: int
    kind: str  # person <kind> other
    since: date | None
    note: str


class Event(NamedTuple):
    name: str
    starts_on: date
    ends_on: date | None
    location: str
    purpose: str
    note: str
    attendees: tuple[tuple[int, bool], ...]  # (person index, first met there)


class Interaction(NamedTuple):
    occurred_at: datetime
    people: tuple[int, ...]  # indexes into Sample.people, the main person first
    channel: str
    purpose: str | None
    minutes: int | None
    initiated_by: str
    note: str
    topics: tuple[str, ...]
    event: int | None


class Exchange(NamedTuple):
    person: int
    interaction: int
    direction: str  # gave | asked | received
    kind: str
    description: str
    occurred_at: datetime


class FollowUp(NamedTuple):
    person: int
    interaction: int | None
    due_on: date
    text: str
    status: str
    snoozed_until: date | None
    created_at: datetime
    done_at: datetime | None


class Milestone(NamedTuple):
    person: int
    kind: str
    year: int | None
    month: int
    day: int
    recurring: bool
    note: str


@dataclass
class Sample:
    seed: int
    today: date
    organizations: list[Organization]
    people: list[Person]
    relationships: list[Relationship]
    events: list[Event]
    interactions: list[Interaction]
    exchanges: list[Exchange]
    follow_ups: list[FollowUp]
    milestones: list[Milestone]

    def counts(self) -> dict[str, int]:
        """Rows per table that ``load`` writes (organizations it may reuse included)."""
        people = self.people
        return {
            "organizations": len(self.organizations),
            "people": len(people),
            "person_emails": sum(len(p.emails) for p in people),
            "person_phones": sum(len(p.phones) for p in people),
            "person_urls": sum(len(p.urls) for p in people),
            "person_addresses": sum(len(p.addresses) for p in people),
            "person_nicknames": sum(len(p.nicknames) for p in people),
            "person_tags": sum(len(p.tags) for p in people),
            "person_interests": sum(len(p.interests) for p in people),
            "employments": sum(len(p.jobs) for p in people),
            "relationships": len(self.relationships),
            "events": len(self.events),
            "event_attendees": sum(len(e.attendees) for e in self.events),
            "interactions": len(self.interactions),
            "interaction_participants": sum(len(i.people) for i in self.interactions),
            "interaction_topics": sum(len(i.topics) for i in self.interactions),
            "exchanges": len(self.exchanges),
            "follow_ups": len(self.follow_ups),
            "milestones": len(self.milestones),
        }


# -- the vocabulary of a varied, international network -------------------------------------


@dataclass(frozen=True)
class _Culture:
    weight: int
    given: tuple[str, ...]
    family: tuple[str, ...]
    middle_rate: float  # how often a second given name appears
    nicknames: dict[str, str]
    phones: tuple[str, ...]  # templates: '#' is any digit
    cities: tuple[tuple[str, str, str], ...]  # (locality, region, country)
    mail: tuple[str, ...]  # personal mail providers
    double_family: bool = False  # Spanish-style two family names, sometimes


def _words(text_: str) -> tuple[str, ...]:
    return tuple(text_.split())


def _items(text_: str) -> tuple[str, ...]:
    return tuple(item.strip() for item in text_.split("|"))


def _weights(text_: str) -> tuple[tuple[str, int], ...]:
    return tuple((name, int(weight)) for name, weight in (p.split(":") for p in text_.split()))


def _pairs(text_: str) -> dict[str, str]:
    return dict(pair.split(":") for pair in text_.split())


def _places(text_: str) -> tuple[tuple[str, str, str], ...]:
    found = []
    for place in text_.split(";"):
        locality, region, country = (part.strip() for part in place.split(","))
        found.append((locality, region, country))
    return tuple(found)


CULTURES: dict[str, _Culture] = {
    "english": _Culture(
        20,
        _words(
            "James Mary Robert Patricia John Jennifer Michael Linda William Elizabeth David "
            "Barbara Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Emily "
            "Daniel Nancy Matthew Margaret Anthony Olivia Andrew Hannah Joshua Megan Ryan Chloe "
            "Benjamin Grace Samuel Zoë Nathan Abigail Liam Katherine Owen Victoria Ethan Rebecca"
        ),
        _words(
            "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore "
            "Jackson White Harris Martin Thompson Clark Lewis Walker Hall Young Allen Wright King "
            "Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans "
            "Turner Parker Collins Edwards Stewart Morris Murphy Cook Rogers O'Brien McAllister"
        ),
        0.3,
        _pairs(
            "Robert:Bob William:Bill Elizabeth:Liz Katherine:Kate Michael:Mike Richard:Rick "
            "Joseph:Joe Christopher:Chris Jennifer:Jen Margaret:Maggie Daniel:Dan Anthony:Tony "
            "Samuel:Sam Benjamin:Ben Matthew:Matt Victoria:Vicky Rebecca:Becca Abigail:Abby "
            "Andrew:Andy Thomas:Tom Patricia:Trish Nathan:Nate Susan:Sue Joshua:Josh"
        ),
        _items(
            "(415) 8##-####|(212) 7##-####|(617) 9##-####|(206) 6##-####|(512) 4##-####|"
            "+1 646 3##-####|+1 416 5##-####|+44 20 7### ####|+44 7400 ######|+44 161 4## ####"
        ),
        _places(
            "San Francisco, CA, USA; New York, NY, USA; Boston, MA, USA; Seattle, WA, USA; "
            "Austin, TX, USA; Chicago, IL, USA; Denver, CO, USA; Toronto, ON, Canada; "
            "London, , United Kingdom; Manchester, , United Kingdom; Edinburgh, , United Kingdom"
        ),
        _words("gmail.com outlook.com icloud.com yahoo.com proton.me hotmail.co.uk"),
    ),
    "spanish": _Culture(
        7,
        _words(
            "José María Juan Carmen Antonio Ana Francisco Laura Manuel Lucía Javier Marta "
            "Alejandro Sofía Carlos Isabel Miguel Elena Pablo Paula Diego Valentina Sergio "
            "Guadalupe Andrés Ximena Fernando Camila Raúl Inés Álvaro Mercedes"
        ),
        _words(
            "García Rodríguez González Fernández López Martínez Sánchez Pérez Gómez Martín "
            "Jiménez Ruiz Hernández Díaz Moreno Muñoz Álvarez Romero Navarro Torres Domínguez "
            "Vázquez Ramos Castillo Ortega Delgado Castro Morales Ibáñez Núñez"
        ),
        0.35,
        _pairs(
            "Francisco:Paco José:Pepe Guadalupe:Lupe Alejandro:Álex Manuel:Manolo "
            "Isabel:Isa Fernando:Nando"
        ),
        ("+34 6## ## ## ##", "+34 91 ### ## ##", "+52 55 #### ####"),
        _places(
            "Madrid, Madrid, Spain; Barcelona, Catalonia, Spain; Valencia, Valencia, Spain; "
            "Sevilla, Andalusia, Spain; Mexico City, CDMX, Mexico; Guadalajara, Jalisco, Mexico"
        ),
        _words("gmail.com hotmail.es yahoo.es outlook.com"),
        double_family=True,
    ),
    "chinese": _Culture(
        8,
        _words(
            "Wei Fang Jing Min Lei Li Jun Yan Hao Xin Yong Ying Tao Hui Qiang Na Bo Ting Chen "
            "Lan Jian Mei Zhiwei Xiaoling Yifan Jiayi Haoran Zihan Yuxuan Ruoxi"
        ),
        _words(
            "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo "
            "Zheng Liang Xie Song Tang Han Feng Deng Cao Peng"
        ),
        0.0,
        _pairs("Wei:David Fang:Fiona Jing:Jenny Lei:Ray Hao:Howard Xin:Cindy Jun:Justin"),
        _items("+86 138 #### ####|+86 10 6### ####|+86 21 6### ####|+1 415 8##-####"),
        _places(
            "Beijing, Beijing, China; Shanghai, Shanghai, China; Shenzhen, Guangdong, China; "
            "Hangzhou, Zhejiang, China; Singapore, , Singapore; Vancouver, BC, Canada"
        ),
        _words("qq.com 163.com gmail.com outlook.com"),
    ),
    "indian": _Culture(
        10,
        _words(
            "Aarav Priya Vivaan Ananya Aditya Diya Arjun Isha Rohan Kavya Vikram Meera Rahul "
            "Neha Sanjay Pooja Amit Lakshmi Karthik Divya Venkatesh Shreya Siddharth Aishwarya "
            "Rajesh Sunita Harpreet Deepika Suresh Nandini"
        ),
        _words(
            "Sharma Patel Singh Kumar Gupta Reddy Iyer Nair Menon Rao Joshi Desai Mehta Shah "
            "Chopra Malhotra Banerjee Chatterjee Mukherjee Krishnan Subramanian Pillai Agarwal "
            "Verma Kapoor Bhat Naidu Ghosh Das Venkataraman"
        ),
        0.15,
        _pairs(
            "Venkatesh:Venky Siddharth:Sid Aishwarya:Ash Rajesh:Raj Lakshmi:Lux Vikram:Vik "
            "Karthik:KK"
        ),
        _items("+91 98### #####|+91 80 #### ####|+91 70### #####|+1 512 4##-####"),
        _places(
            "Bengaluru, Karnataka, India; Mumbai, Maharashtra, India; Delhi, Delhi, India; "
            "Hyderabad, Telangana, India; Chennai, Tamil Nadu, India; Pune, Maharashtra, India"
        ),
        _words("gmail.com yahoo.co.in outlook.com rediffmail.com"),
    ),
    "nigerian": _Culture(
        5,
        _words(
            "Chukwuemeka Ngozi Oluwaseun Adaeze Babatunde Chiamaka Oluwadamilare Funmilayo "
            "Ifeanyi Yetunde Olumide Chinonso Tobiloba Amaka Obinna Folake Kelechi Temitope "
            "Emeka Zainab Abubakar Aisha"
        ),
        _words(
            "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Adebayo Ogunleye Olawale Chukwu Afolabi "
            "Obi Okoro Bello Ibrahim Adeleke Nwachukwu Onyekachi Oyelaran Musa"
        ),
        0.4,
        _pairs(
            "Chukwuemeka:Emeka Oluwaseun:Seun Oluwadamilare:Dami Babatunde:Tunde "
            "Funmilayo:Funmi Tobiloba:Tobi Temitope:Tope Chiamaka:Ama Olumide:Mide"
        ),
        ("+234 803 ### ####", "+234 806 ### ####", "+44 7400 ######"),
        _places(
            "Lagos, Lagos, Nigeria; Abuja, FCT, Nigeria; Ibadan, Oyo, Nigeria; "
            "Port Harcourt, Rivers, Nigeria; London, , United Kingdom"
        ),
        _words("gmail.com yahoo.com outlook.com"),
    ),
    "arabic": _Culture(
        5,
        _words(
            "Mohammed Fatima Ahmed Layla Omar Noor Youssef Mariam Ali Huda Khalid Salma Hassan "
            "Yasmin Karim Rania Tariq Leila Samir Amira Faisal Dalia Ibrahim Hana"
        ),
        _words(
            "Al-Farsi Haddad Nasser Khalil Mansour Saleh Hamdan Al-Rashid Aziz Darwish Haddad "
            "El-Sayed Abdallah Qasim Farouk Suleiman Al-Masri Khoury Najjar Bakr"
        ),
        0.1,
        _pairs("Mohammed:Mo Youssef:Joe Ibrahim:Abe Khalid:Khal"),
        _items("+971 50 ### ####|+20 10 ########|+966 50 ### ####|+962 7 9### ####"),
        _places(
            "Dubai, Dubai, United Arab Emirates; Abu Dhabi, Abu Dhabi, United Arab Emirates; "
            "Cairo, Cairo, Egypt; Riyadh, Riyadh, Saudi Arabia; Amman, Amman, Jordan; "
            "Beirut, Beirut, Lebanon"
        ),
        _words("gmail.com hotmail.com outlook.com yahoo.com"),
    ),
    "japanese": _Culture(
        4,
        _words(
            "Haruto Yui Sota Hina Yuto Aoi Ren Sakura Kenji Yuki Takashi Emi Hiroshi Naomi "
            "Daiki Mei Kaito Akiko Shota Rin"
        ),
        _words(
            "Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato "
            "Yoshida Yamada Sasaki Yamaguchi Matsumoto Inoue Kimura Hayashi Shimizu Mori"
        ),
        0.0,
        _pairs("Takashi:Taka Hiroshi:Hiro Kenji:Ken"),
        ("+81 90-N###-####", "+81 3-N###-####"),
        _places("Tokyo, Tokyo, Japan; Osaka, Osaka, Japan; Kyoto, Kyoto, Japan; Fukuoka, , Japan"),
        _words("gmail.com yahoo.co.jp icloud.com docomo.ne.jp"),
    ),
    "korean": _Culture(
        4,
        _words(
            "Min-jun Seo-yeon Ji-ho Ha-eun Do-yun Su-ah Joon-young Ji-woo Hyun-woo Eun-ji "
            "Seung-hoon Yuna Jae-won Da-eun Tae-yang Soo-jin"
        ),
        _words("Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Oh Seo Shin Kwon Hwang"),
        0.0,
        _pairs("Joon-young:Jay Seung-hoon:Sean Hyun-woo:Harry Soo-jin:Sue"),
        ("+82 10-2###-####", "+82 10-9###-####", "+82 2-N##-####"),
        _places("Seoul, , South Korea; Busan, , South Korea; Incheon, , South Korea"),
        _words("naver.com gmail.com daum.net kakao.com"),
    ),
    "german": _Culture(
        7,
        _words(
            "Lukas Anna Jonas Lena Maximilian Laura Felix Julia Leon Sophie Paul Katharina "
            "Jürgen Sabine Stefan Claudia Matthias Birgit Tobias Franziska Johannes Annika "
            "Florian Lea Sebastian Mareike"
        ),
        _words(
            "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Koch "
            "Bauer Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger "
            "Hofmann Hartmann Lange Weiß Krause Lehmann Köhler"
        ),
        0.25,
        _pairs(
            "Johannes:Hannes Maximilian:Max Katharina:Kathi Franziska:Franzi Sebastian:Basti "
            "Matthias:Matze"
        ),
        _items("+49 30 #######|+49 151 2#######|+49 89 #######|+49 176 ########"),
        _places(
            "Berlin, Berlin, Germany; München, Bayern, Germany; Hamburg, Hamburg, Germany; "
            "Köln, NRW, Germany; Frankfurt am Main, Hessen, Germany; Wien, , Austria; "
            "Zürich, ZH, Switzerland"
        ),
        _words("gmx.de web.de gmail.com posteo.de t-online.de"),
    ),
    "french": _Culture(
        6,
        _words(
            "Jean-Luc Amélie Louis Camille Hugo Manon Théo Léa Antoine Chloé Mathieu Océane "
            "Nicolas Élodie Julien Mathilde Guillaume Clémence Étienne Margaux François Inès"
        ),
        _words(
            "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon "
            "Laurent Lefèvre Michel Garcia David Bertrand Roux Vincent Fournier Morel Girard "
            "Bonnet Lambert Faure"
        ),
        0.2,
        _pairs("Nicolas:Nico Guillaume:Guigui Mathilde:Mat Antoine:Toto Élodie:Élo"),
        _items("+33 6 1# ## ## ##|+33 1 ## ## ## ##|+33 7 5# ## ## ##|+33 6 7# ## ## ##"),
        _places(
            "Paris, Île-de-France, France; Lyon, Auvergne-Rhône-Alpes, France; "
            "Marseille, Provence, France; Bordeaux, Nouvelle-Aquitaine, France; "
            "Montréal, QC, Canada; Bruxelles, , Belgium"
        ),
        _words("gmail.com orange.fr free.fr laposte.net outlook.fr"),
    ),
    "brazilian": _Culture(
        5,
        _words(
            "João Maria Pedro Ana Gabriel Juliana Lucas Beatriz Rafael Larissa Gustavo "
            "Fernanda Thiago Camila Matheus Luana Felipe Bruna Rodrigo Letícia"
        ),
        _words(
            "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Costa "
            "Ribeiro Martins Carvalho Almeida Lopes Soares Fernandes Vieira Barbosa"
        ),
        0.35,
        _pairs("Gabriel:Gabi Rafael:Rafa Fernanda:Nanda Rodrigo:Digão Juliana:Ju"),
        ("+55 11 9####-####", "+55 21 9####-####"),
        _places(
            "São Paulo, SP, Brazil; Rio de Janeiro, RJ, Brazil; Belo Horizonte, MG, Brazil; "
            "Porto Alegre, RS, Brazil; Lisboa, , Portugal"
        ),
        _words("gmail.com uol.com.br hotmail.com bol.com.br"),
        double_family=True,
    ),
    "vietnamese": _Culture(
        3,
        _words("Anh Minh Linh Huy Trang Duc Lan Hieu Mai Tuan Thao Quang Ngoc Long Phuong Khoa"),
        _words("Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương"),
        0.5,
        _pairs("Tuan:Tony Minh:Mike Linh:Lynn"),
        ("+84 91 ### ## ##", "+84 90# ### ###"),
        _places(
            "Hà Nội, , Vietnam; Hồ Chí Minh City, , Vietnam; Đà Nẵng, , Vietnam; San Jose, CA, USA"
        ),
        _words("gmail.com yahoo.com.vn outlook.com"),
    ),
    "polish": _Culture(
        4,
        _words(
            "Łukasz Agnieszka Piotr Katarzyna Krzysztof Małgorzata Tomasz Magdalena Paweł "
            "Joanna Michał Aleksandra Marcin Zofia Wojciech Ewa Jakub Dorota"
        ),
        _words(
            "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński "
            "Szymański Woźniak Dąbrowski Kozłowski Jankowski Mazur Krawczyk"
        ),
        0.2,
        _pairs(
            "Katarzyna:Kasia Małgorzata:Gosia Aleksandra:Ola Krzysztof:Krzysiek Jakub:Kuba "
            "Magdalena:Magda Wojciech:Wojtek"
        ),
        ("+48 5## ### ###", "+48 22 ### ## ##", "+48 6## ### ###"),
        _places(
            "Warszawa, Mazowieckie, Poland; Kraków, Małopolskie, Poland; "
            "Wrocław, Dolnośląskie, Poland; Gdańsk, Pomorskie, Poland"
        ),
        _words("wp.pl onet.pl gmail.com interia.pl"),
    ),
    "turkish": _Culture(
        3,
        _words(
            "Mehmet Zeynep Mustafa Elif Emre Ayşe Can Merve Burak Selin Oğuz Deniz Kerem "
            "İrem Yusuf Ebru"
        ),
        _words(
            "Yılmaz Kaya Demir Şahin Çelik Yıldız Yıldırım Öztürk Aydın Özdemir Arslan Doğan "
            "Kılıç Aslan Çetin"
        ),
        0.1,
        _pairs("Mustafa:Musti Mehmet:Memo"),
        ("+90 53# ### ## ##", "+90 212 ### ## ##"),
        _places("İstanbul, , Turkey; Ankara, , Turkey; İzmir, , Turkey; Berlin, Berlin, Germany"),
        _words("gmail.com hotmail.com yandex.com.tr"),
    ),
    "italian": _Culture(
        4,
        _words(
            "Giuseppe Giulia Marco Francesca Alessandro Chiara Luca Sara Matteo Martina "
            "Lorenzo Elisa Davide Federica Riccardo Valentina"
        ),
        _words(
            "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno "
            "Gallo Conti De Luca Costa Giordano"
        ),
        0.15,
        _pairs("Giuseppe:Beppe Alessandro:Sandro Francesca:Fra Riccardo:Ricky"),
        ("+39 33# ### ####", "+39 34# ### ####", "+39 02 #### ####"),
        _places(
            "Milano, Lombardia, Italy; Roma, Lazio, Italy; Torino, Piemonte, Italy; "
            "Bologna, Emilia-Romagna, Italy"
        ),
        _words("gmail.com libero.it virgilio.it outlook.it"),
    ),
    "nordic": _Culture(
        3,
        _words(
            "Erik Astrid Lars Ingrid Oskar Freja Nils Sigrid Anders Maja Henrik Elsa "
            "Magnus Linnea Björn Saga"
        ),
        _words(
            "Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsen Hansen Jensen "
            "Lindqvist Bergström Sørensen Lindberg Halvorsen"
        ),
        0.2,
        _pairs("Magnus:Mange Henrik:Henke"),
        _items("+46 70 ### ## ##|+46 8 ### ### ##|+31 6 1#######|+31 20 ### ####"),
        _places(
            "Stockholm, , Sweden; Göteborg, , Sweden; København, , Denmark; Oslo, , Norway; "
            "Amsterdam, Noord-Holland, Netherlands"
        ),
        _words("gmail.com outlook.com telia.com icloud.com"),
    ),
}

_ASCII = str.maketrans({"ł": "l", "Ł": "L", "ß": "ss", "ı": "i", "đ": "d", "Đ": "D", "ø": "o"})

INDUSTRIES: dict[str, tuple[str, ...]] = {
    "Software": _words("Labs Software Systems Cloud Technologies AI Data Code Stack"),
    "Fintech": _words("Pay Capital Ledger Finance Bank Money Markets"),
    "Venture Capital": _words("Ventures Capital Partners Fund Investments"),
    "Healthcare": _words("Health Care Medical Clinic Therapeutics Bio Wellness"),
    "Consulting": _words("Consulting Advisors Group Partners Strategy"),
    "Education": _words("Academy Learning Institute School Education"),
    "Media": _words("Media Studios News Publishing Creative"),
    "Retail": _words("Goods Market Stores Supply Commerce"),
    "Energy": _words("Energy Solar Power Grid Renewables"),
    "Logistics": _words("Logistics Freight Shipping Mobility Transport"),
    "Manufacturing": _words("Industries Manufacturing Robotics Works Engineering"),
    "Nonprofit": _words("Foundation Trust Alliance Initiative"),
    "Legal": _words("Legal Law LLP Counsel"),
    "Gaming": _words("Games Interactive Play Studios"),
    "Real Estate": _words("Properties Realty Estates Homes"),
}
_ORG_WORDS = _words(
    "Acme Northwind Blue Harbor Lumen Kestrel Granite Cobalt Juniper Meridian Aurora Vertex "
    "Pioneer Summit Atlas Beacon Cedar Delta Ember Falcon Glacier Horizon Indigo Jade Keystone "
    "Lighthouse Maple Nimbus Orbit Pinnacle Quartz Redwood Sierra Tidal Umbra Vantage Willow "
    "Zenith Alpine Bright Clearwater Driftwood Evergreen Firefly Golden Helix Ironwood Kite "
    "Lotus Mosaic Nova Oak Prism Quill Riverstone Sable Tandem Uplift Vivid Wavelength Yarrow "
    "Zephyr Basalt Copper Dune Echo Fjord Gravity Halcyon Isle Lantern Monarch Nest Opal"
)
_ORG_SUFFIX = _words("Inc. GmbH Ltd LLC AG S.A. SAS BV Pte")
_UNIVERSITIES = _items(  # "name @ domain"
    "Stanford University @ stanford.edu|MIT @ mit.edu|University of Oxford @ ox.ac.uk|"
    "TU München @ tum.de|Universidad Complutense de Madrid @ ucm.es|"
    "Tsinghua University @ tsinghua.edu.cn|IIT Bombay @ iitb.ac.in|"
    "University of Lagos @ unilag.edu.ng|Sorbonne Université @ sorbonne-universite.fr|"
    "Universidade de São Paulo @ usp.br|Seoul National University @ snu.ac.kr|"
    "University of Tokyo @ u-tokyo.ac.jp|ETH Zürich @ ethz.ch|Uniwersytet Warszawski @ uw.edu.pl"
)
_TITLES: dict[str, tuple[str, ...]] = {
    "Software": _items(
        "Software Engineer|Senior Software Engineer|Staff Engineer|Engineering Manager|CTO|"
        "Product Manager|Senior Product Designer|Data Scientist|Machine Learning Engineer|"
        "Developer Advocate|Head of Partnerships|Recruiter"
    ),
    "Venture Capital": _items("Partner|Principal|Associate|Venture Partner|Analyst"),
    "Education": _items("Professor|Lecturer|PhD Student|Research Fellow|Dean"),
    "Legal": _items("Associate|Senior Counsel|Partner|Paralegal"),
    "Healthcare": _items("Physician|Head of Clinical Operations|Research Scientist|Nurse"),
    "*": _items(
        "Founder & CEO|Co-founder|COO|VP Sales|Account Executive|Head of Marketing|"
        "Marketing Manager|"
        "Operations Manager|Business Development Manager|Consultant|Senior Consultant|"
        "Financial Analyst|HR Business Partner|Talent Acquisition Lead|Customer Success Manager|"
        "Chief of Staff|Project Manager"
    ),
}

TAGS = _words(
    "investor founder recruiter mentor mentee client prospect ex-colleague college neighbor "
    "family book-club climbing advisor speaker alumni board conference-2024 hiring "
    "open-source press partner angel coach"
)
INTERESTS = _items(
    "hiking|rock climbing|jazz|chess|photography|cooking|Formula 1|startups|machine learning|"
    "gardening|running|yoga|board games|wine|sailing|AI ethics|K-pop|football|cycling|sci-fi|"
    "podcasts|pottery|surfing|classical music|vinyl records|crossfit|climate tech|poetry|anime|"
    "skiing|baking|travel|marathons|woodworking|tennis|birdwatching"
)

_CIRCLES = _weights("inner:2 key:8 network:60 dormant:30")
_MODES = {
    "inner": _weights("personal:55 both:40 professional:5"),
    "key": _weights("professional:50 both:40 personal:10"),
    "network": _weights("professional:60 both:25 personal:15"),
    "dormant": _weights("professional:55 both:20 personal:25"),
}
_PURPOSES = {
    "professional": _weights("networking:80 both:15 social:5"),
    "both": _weights("networking:40 both:30 social:30"),
    "personal": _weights("social:80 both:15 networking:5"),
}
_CHANNELS = {
    "networking": _weights(
        "email:25 video:18 linkedin:14 in-person:16 call:12 slack:6 message:5 x:2 other:2"
    ),
    "social": _weights("message:32 in-person:35 call:20 video:6 email:7"),
}
_MINUTES = {
    "in-person": (30, 180),
    "call": (10, 60),
    "video": (20, 60),
    "event": (60, 240),
}
_TLDS = _words("com com io co de fr ai org")
_RELATIONSHIPS = _words("colleague friend introduced-by knows family")
_INITIATORS = _words("me me them them unknown")
_DIRECTIONS = _words("gave gave gave asked asked received")
_MILESTONES = _words("work-anniversary job-change wedding baby move graduation")
_CIRCLE_WEIGHT = {"inner": 40.0, "key": 15.0, "network": 2.0, "dormant": 0.6}
_YEARS = 5

# -- interaction notes: fragments combined into varied, searchable text ----------------------

_SLOTS: dict[str, tuple[str, ...]] = {
    "field": _items(
        "fintech|climate tech|developer tools|healthcare AI|e-commerce|cybersecurity|edtech|"
        "logistics|biotech|gaming|open source|robotics"
    ),
    "role": _items(
        "product manager|data engineer|designer|sales lead|backend engineer|chief of staff|"
        "growth marketer|recruiter|engineering manager"
    ),
    "team": _words("platform growth payments research mobile data infrastructure"),
    "trend": _items(
        "generative AI|remote work|the IPO window|interest rates|EU AI Act|open-source licensing|"
        "vertical SaaS|the chip shortage|carbon accounting|embedded finance|quantum computing|"
        "layoffs in big tech"
    ),
    "round": _items("pre-seed round|seed round|Series A|Series B|bridge round"),
    "skill": _items(
        "public speaking|salary negotiation|hiring senior engineers|fundraising|pricing|"
        "writing a board memo|managing managers|product discovery|building a sales pipeline"
    ),
    "book": _items(
        "The Mom Test|High Output Management|Thinking, Fast and Slow|Never Split the Difference|"
        "The Hard Thing About Hard Things|Project Hail Mary|Klara and the Sun|Sapiens|"
        "Designing Data-Intensive Applications|Tomorrow, and Tomorrow, and Tomorrow"
    ),
    "conference": _items(
        "Web Summit|PyCon|SaaStr|Slush|re:Invent|KubeCon|Collision|VivaTech|South by Southwest|"
        "Money20/20"
    ),
    "need": _items(
        "their data pipeline|a go-to-market plan|GDPR compliance|hiring in Europe|"
        "a pricing overhaul|"
        "their mobile app"
    ),
    "trail": _items(
        "the Dipsea Trail|Mount Tamalpais|the Zugspitze|Snowdon|Mount Takao|the Camino de Ronda|"
        "Bukhansan|the Sächsische Schweiz"
    ),
    "weather": _items(
        "perfect weather|rained the whole way|freezing at the top|amazing views|way too hot"
    ),
    "relative": _words("daughter son sister brother mother father partner"),
    "family_event": _items(
        "started school|graduated|got engaged|had a baby|moved to a new city|retired|"
        "is recovering from surgery"
    ),
    "band": _items(
        "Radiohead|Khruangbin|the Berlin Philharmonic|Burna Boy|Rosalía|BTS|Arctic Monkeys|"
        "Kraftwerk|"
        "Taylor Swift|a local jazz trio"
    ),
    "venue": _items(
        "the Fillmore|Madison Square Garden|the Olympia|Tempodrom|the Royal Albert Hall|Blue Note"
    ),
    "restaurant": _items(
        "Nopa|the new ramen place|Zuni Café|a tiny Lebanese place|the Vietnamese place downtown|"
        "a tapas bar|an izakaya|their favorite Korean BBQ|the Turkish bakery"
    ),
    "dish": _items(
        "pho|dumplings|tacos al pastor|jollof rice|paella|bibimbap|pierogi|biryani|pasta carbonara|"
        "mezze"
    ),
    "place": _items(
        "Lisbon|Japan|Patagonia|Morocco|Iceland|Vietnam|the Amalfi Coast|Mexico City|Cape Town|"
        "Seoul|"
        "Norway|Bali"
    ),
    "sport": _items("tennis|padel|five-a-side football|squash|basketball|golf"),
    "movie": _items("Dune|Oppenheimer|Past Lives|Everything Everywhere All at Once|Perfect Days"),
    "hobby": _words("pottery bouldering sourdough birdwatching woodworking sailing"),
    "resource": _items(
        "pitch deck|hiring rubric|salary benchmark|market map|intro email|article on pricing|"
        "reading list"
    ),
    "month": _words("January February March April May June July August September October"),
}

_OPENINGS: dict[str, tuple[str, ...]] = {
    "in-person": _items(
        "Coffee with {who}.|Lunch with {who}.|Drinks with {who} after work.|Breakfast with {who}.|"
        "Ran into {who} downtown.|Walk in the park with {who}."
    ),
    "call": ("Phone call with {who}.", "Long call with {who}.", "Quick call with {who}."),
    "video": ("Zoom with {who}.", "Video call with {who}.", "Google Meet with {who}."),
    "email": ("Email thread with {who}.", "Emailed {who}.", "Got an email from {who}."),
    "message": ("Texted with {who}.", "WhatsApp chat with {who}.", "Signal messages with {who}."),
    "linkedin": ("LinkedIn message from {who}.", "Messaged {who} on LinkedIn."),
    "x": ("DMs with {who} on X.",),
    "slack": ("Slack thread with {who}.",),
    "event": ("Met {who} at {event}.", "Talked with {who} at {event}."),
    "other": ("Caught up with {who}.",),
}

_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "networking": {
        "job-search": _items(
            "{first} is looking for a new {role} role in {field}.|"
            "Talked through {first}'s job search: final interviews at {company}.|"
            "{first} was laid off from {company} and is exploring {field}.|"
            "Reviewed {first}'s resume; strong story for {role} roles."
        ),
        "hiring": (
            "{first} is hiring a {role} for the {team} team at {company}.",
            "{company} is growing the {team} team, mostly {role}s.",
            "Asked whether I know a senior {role} open to moving to {company}.",
        ),
        "industry-trends": (
            "Long discussion about {trend} and what it means for {field}.",
            "{first} thinks {trend} will reshape {field} within two years.",
            "Compared notes on {trend}; {first} is skeptical of the hype.",
        ),
        "partnerships": (
            "Explored a partnership between {company} and {company2}.",
            "{company} wants a distribution partner in {field}; could be us.",
            "Discussed a joint webinar on {trend}.",
        ),
        "funding": (
            "{company} is raising a {round}; {first} asked for investor intros.",
            "{first}'s startup closed its {round}.",
            "Talked about runway and the {round} market in {field}.",
        ),
        "mentorship": (
            "Gave {first} advice on {skill}.",
            "{first} mentored me on {skill}.",
            "Monthly mentoring session: {skill} and career next steps.",
        ),
        "career-goals": (
            "{first} wants to move from engineering into a {role} role.",
            "{first} is weighing an MBA against staying at {company}.",
            "Talked about {first}'s five-year plan and a possible move into {field}.",
        ),
        "professional-skills": (
            "Compared notes on {skill}; {first} recommended '{book}'.",
            "{first} shared a great framework for {skill}.",
        ),
        "business-opportunities": (
            "{company} needs help with {need}; possible consulting project.",
            "Potential client: {company} is evaluating vendors for {need}.",
        ),
        "conferences": (
            "Both going to {conference}; plan to meet there.",
            "{first} is speaking at {conference} about {trend}.",
        ),
    },
    "social": {
        "hiking": (
            "Hiked {trail} with {first}; {weather}.",
            "Went hiking with {first} in {place}; {weather}.",
            "Planning a hike up {trail} in {month}.",
        ),
        "family": (
            "{first}'s {relative} {family_event}.",
            "Caught up on family news; {first}'s {relative} {family_event}.",
        ),
        "concerts": (
            "Went to see {band} at {venue} with {first}.",
            "Great concert: {band} at {venue}, {first} got us tickets.",
            "{first} has spare tickets for {band} in {month}.",
        ),
        "food": (
            "Dinner at {restaurant}; {first} recommended the {dish}.",
            "Cooked {dish} together at {first}'s place.",
        ),
        "travel": (
            "{first} just got back from {place}; amazing photos.",
            "{first} is planning a trip to {place} in {month}.",
        ),
        "birthdays": (
            "Celebrated {first}'s birthday at {restaurant}.",
            "Sent {first} birthday wishes; party is in {month}.",
        ),
        "sports": ("Played {sport} with {first}.", "Watched the game with {first}."),
        "books": ("{first} loved '{book}' and lent me a copy.", "Book club pick: '{book}'."),
        "movies": ("Saw {movie} with {first}.", "{first} recommended {movie}."),
        "hobbies": (
            "{first} is getting into {hobby}.",
            "{first} invited me to try {hobby} on Saturday.",
        ),
    },
}
_TOPIC_NAMES = {kind: tuple(topics) for kind, topics in _TOPICS.items()}
_PURPOSE_KINDS = {
    "networking": ("networking",),
    "social": ("social",),
    "both": ("networking", "social"),
}
_CLOSINGS = _items(
    "Promised to send {first} the {resource}.|Will intro {first} to {other}.|"
    "{first} will send over the {resource}.|Should meet more often.|"
    "Good energy, follow up next month.|Owe {first} a reply.|Need to check in after {month}."
)
_FOLLOW_UPS = _items(
    "Send {first} the {resource}|Intro {first} to {other}|Check in with {first} about {company}|"
    "Share the article on {trend} with {first}|Book dinner with {first}|"
    "Ask {first} how {skill} is going|Reply to {first}'s email|Congratulate {first}"
)
_EXCHANGE_KINDS = {
    "gave": _weights("intro:30 advice:25 resource:20 referral:10 favor:10"),
    "asked": _weights("intro:35 advice:25 referral:20 favor:15 resource:5"),
    "received": _weights("advice:30 intro:25 resource:20 recommendation:10"),
}
_EXCHANGE_TEXT = {
    "intro": "Intro to {other} at {company}",
    "advice": "Advice on {skill}",
    "resource": "The {resource}",
    "referral": "Referral for the {role} role at {company}",
    "favor": "Reviewed the {resource}",
    "recommendation": "LinkedIn recommendation",
    "gift": "A copy of '{book}'",
}
_PERSON_NOTES = _items(
    "Two kids. Vegetarian. Wants to move into {field}.|Loves {hobby}; ask about the {place} trip.|"
    "Great connector in {field}. Prefers email over calls.|"
    "Met through the {conference} speaker dinner. Very generous with intros.|"
    "Allergic to nuts. Big {band} fan.|Thinking about starting a company in {field}.|"
    "**Important:** always follow up within a week.|"
    "Knows everyone in {field} investing. Ask about {trend}."
)
_MET_HOW = _items(
    "Met at {conference}|Former colleague|College friend|Neighbor|LinkedIn|Climbing gym|Book club|"
    "Friend of a friend|Cold email about {field}|Conference panel on {trend}"
)
_EVENTS_NETWORKING = _items(
    "{conference} {year}|{city} Tech Meetup #{n}|{field} Founders Dinner|Demo Day {year}|"
    "{field} Summit {year}"
)
_EVENTS_SOCIAL = _items(
    "{first}'s wedding|{first}'s birthday party|Alumni reunion {year}|Summer BBQ {year}|"
    "New Year's party {year}"
)


# -- generation ------------------------------------------------------------------------------


def _weighted(pairs: Sequence[tuple[str, int]]) -> tuple[tuple[str, ...], list[int]]:
    names = tuple(name for name, _ in pairs)
    cumulative, total = [], 0
    for _, weight in pairs:
        total += weight
        cumulative.append(total)
    return names, cumulative


class _Picker:
    """Weighted choice in O(log n) from precomputed cumulative weights."""

    def __init__(self, rng: random.Random, names: Sequence[str], cumulative: list[int]) -> None:
        self.rng, self.names, self.cumulative = rng, names, cumulative

    def __call__(self) -> str:
        index = bisect.bisect(self.cumulative, self.rng.random() * self.cumulative[-1])
        return self.names[index]


class _Slots(dict[str, str]):
    """A ``str.format_map`` mapping whose missing values are made up on first use."""

    def __init__(
        self, pick: Callable[[Sequence[str]], str], values: dict[str, str | Callable[[], str]]
    ) -> None:
        super().__init__()
        self.pick = pick
        self.given = values

    def __missing__(self, key: str) -> str:
        given = self.given.get(key)
        if given is None:
            found = self.pick(_SLOTS[key])
        else:
            found = given if isinstance(given, str) else given()
        self[key] = found
        return found


def _ascii(text_: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text_.translate(_ASCII))
    return "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c in "-.'"))


def _slug(text_: str) -> str:
    return "".join(c for c in _ascii(text_).lower() if c.isalnum())


class _Generator:
    def __init__(self, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.uids = random.Random(f"kithkin-sample-uid-{seed}")
        self.today = today
        self.now = datetime.combine(today, time(12, 0), tzinfo=UTC)
        rng = self.rng
        self.culture_name = _Picker(rng, *_weighted([(k, c.weight) for k, c in CULTURES.items()]))
        self.modes = {circle: _Picker(rng, *_weighted(w)) for circle, w in _MODES.items()}
        self.purposes = {mode: _Picker(rng, *_weighted(w)) for mode, w in _PURPOSES.items()}
        self.channels = {p: _Picker(rng, *_weighted(w)) for p, w in _CHANNELS.items()}
        self.exchange_kinds = {d: _Picker(rng, *_weighted(w)) for d, w in _EXCHANGE_KINDS.items()}
        self.emails_taken: set[str] = set()
        self.orgs: list[Organization] = []
        self.org_people: dict[int, list[int]] = {}

    # small helpers

    def culture(self) -> _Culture:
        return CULTURES[self.culture_name()]

    def pick(self, options: Sequence[str]) -> str:
        return options[int(self.rng.random() * len(options))]

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability

    def below(self, count: int) -> int:
        """A random index in ``range(count)`` (faster than ``randrange``)."""
        return int(self.rng.random() * count)

    def between(self, low: int, high: int) -> int:
        """A random integer in ``[low, high]`` (faster than ``randint``)."""
        return low + int(self.rng.random() * (high - low + 1))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def slots(self, **values: str | Callable[[], str]) -> _Slots:
        """Values for ``{slot}``s: strings, functions called on first use, else random words."""
        return _Slots(self.pick, values)

    def fill(self, template: str, **values: str | Callable[[], str]) -> str:
        return template.format_map(self.slots(**values))

    # organizations

    def organizations(self, count: int) -> list[Organization]:
        seen: set[str] = set()
        industries = list(INDUSTRIES)
        orgs: list[Organization] = []
        for university in _UNIVERSITIES[: max(2, count // 20)]:
            name, domain = university.split(" @ ")
            seen.add(name.casefold())
            orgs.append(Organization(name, domain, "Education"))
        attempts = 0
        while len(orgs) < count and attempts < count * 20:
            attempts += 1
            industry = self.pick(industries)
            name = f"{self.pick(_ORG_WORDS)} {self.pick(INDUSTRIES[industry])}"
            if self.chance(0.3):
                name = f"{self.pick(_ORG_WORDS)} {name}"
            if name.casefold() in seen:
                name = f"{name} {self.pick(_ORG_SUFFIX)}"
            if name.casefold() in seen:
                continue
            seen.add(name.casefold())
            tld = self.pick(_TLDS)
            orgs.append(Organization(name, f"{_slug(name)[:24]}.{tld}", industry))
        self.rng.shuffle(orgs)
        self.orgs = orgs
        # A few employers are big (Zipf), so "who do I know at X" has many answers.
        weights = [1.0 / (rank + 1) ** 0.9 for rank in range(len(orgs))]
        cumulative: list[float] = []
        total = 0.0
        for weight in weights:
            total += weight
            cumulative.append(total)
        self.org_cumulative = cumulative
        return orgs

    def organization(self) -> int:
        return bisect.bisect(self.org_cumulative, self.rng.random() * self.org_cumulative[-1])

    # people

    def circles(self, count: int) -> list[str]:
        """Exactly the circles' shares (at least one inner and one key person), shuffled."""
        total = sum(share for _, share in _CIRCLES)
        found: list[str] = []
        for name, share in _CIRCLES[:-1]:
            found += [name] * max(1 if count >= 10 else 0, round(count * share / total))
        found += [_CIRCLES[-1][0]] * max(0, count - len(found))
        found = found[:count]
        self.rng.shuffle(found)
        return found

    def person(self, index: int, circle: str) -> Person:
        rng = self.rng
        culture = self.culture()
        given = self.pick(culture.given)
        family = self.pick(culture.family)
        if culture.double_family and self.chance(0.4):
            family = f"{family} {self.pick(culture.family)}"
        middle = ""
        if self.chance(culture.middle_rate):
            # The lists alternate (mostly) male and female names: keep the middle one alike.
            same = culture.given[culture.given.index(given) % 2 :: 2]
            middle = self.pick([name for name in same[:14] if name != given] or same)
        prefix = "Dr." if self.chance(0.02) else ""
        suffix = self.pick(("Jr.", "PhD", "III")) if self.chance(0.01) else ""
        shown = middle if self.chance(0.4) else ""  # address books often leave it out
        display = " ".join(part for part in (prefix, given, shown, family, suffix) if part)
        person = Person(
            uid=f"{self.uids.getrandbits(128):032x}",
            display_name=display,
            given_name=given,
            family_name=family,
            middle_name=middle,
            prefix=prefix,
            suffix=suffix,
            circle=circle,
            mode=self.modes[circle](),
        )
        if given in culture.nicknames and self.chance(0.5):
            person.nicknames.append(culture.nicknames[given])
        elif self.chance(0.03):
            person.nicknames.append(given[:3])
        self.jobs(person, index)
        self.contact_points(person, culture)
        self.traits(person, culture)
        created = self.now - timedelta(days=rng.randint(30, 365 * (_YEARS + 1)))
        person.created_at = created
        person.updated_at = created + timedelta(days=rng.randint(0, (self.now - created).days))
        return person

    def jobs(self, person: Person, index: int) -> None:
        rng = self.rng
        past = rng.choices((0, 1, 2, 3), weights=(45, 30, 17, 8))[0]
        has_current = self.chance(0.88)
        end = self.today - timedelta(days=rng.randint(30, 900))
        history: list[Job] = []
        for _ in range(past):
            start = end - timedelta(days=rng.randint(300, 1800))
            history.append(Job(self.organization(), self.title(), start, end, False))
            end = start - timedelta(days=rng.randint(0, 120))
        person.jobs.extend(reversed(history))
        if has_current:
            org = self.organization()
            begun = history[0].end if history else None  # history is newest first
            if begun is None and self.chance(0.6):
                begun = self.today - timedelta(days=rng.randint(60, 3000))
            person.jobs.append(Job(org, self.title(org), begun, None, True))
            self.org_people.setdefault(org, []).append(index)

    def title(self, org: int | None = None) -> str:
        industry = self.orgs[org].industry if org is not None else "*"
        specific = _TITLES.get(industry)
        return self.pick(specific if specific and self.chance(0.7) else _TITLES["*"])

    def email(self, local: str, domain: str) -> str:
        address = f"{local}@{domain}"
        number = 1
        while address in self.emails_taken:
            number += 1
            address = f"{local}{number}@{domain}"
        self.emails_taken.add(address)
        return address

    def contact_points(self, person: Person, culture: _Culture) -> None:
        given, family = _slug(person.given_name), _slug(person.family_name.split()[0])
        current = person.jobs[-1] if person.jobs and person.jobs[-1].current else None
        if current is not None and self.chance(0.7):
            domain = self.orgs[current.organization].domain
            local = self.pick((f"{given}.{family}", f"{given[:1]}{family}", given))
            person.emails.append((self.email(local, domain), "work"))
        if self.chance(0.8) or not person.emails:
            style = self.pick((f"{given}.{family}", f"{given}{family}", f"{family}.{given}"))
            local = style + (str(self.rng.randint(1, 99)) if self.chance(0.3) else "")
            person.emails.append((self.email(local, self.pick(culture.mail)), "personal"))
        for label in ("mobile", "work"):
            if self.chance(0.75 if label == "mobile" else 0.2):
                person.phones.append(self.phone(self.pick(culture.phones), label))
        if self.chance(0.55):
            handle = f"{given}-{family}-{self.rng.randint(10, 9999)}"
            person.urls.append((f"https://www.linkedin.com/in/{handle}", "linkedin"))
        software = current is not None and self.orgs[current.organization].industry == "Software"
        if software and self.chance(0.4):
            person.urls.append((f"https://github.com/{given}{family[:4]}", "github"))
        if self.chance(0.08):
            person.urls.append((f"https://x.com/{given}_{family}", "x"))
        if self.chance(0.35):
            locality, region, country = self.pick_place(culture)
            person.addresses.append(Address("home", locality, region, country))

    def pick_place(self, culture: _Culture) -> tuple[str, str, str]:
        return culture.cities[int(self.rng.random() * len(culture.cities))]

    def phone(self, template: str, label: str) -> Phone:
        rng = self.rng
        raw = "".join(
            str(rng.randint(0, 9)) if c == "#" else str(rng.randint(2, 9)) if c == "N" else c
            for c in template
        )
        digits = "".join(c for c in raw if c.isdigit())
        e164 = "+" + digits if raw.startswith("+") else "+1" + digits
        return Phone(raw, e164, label)

    def traits(self, person: Person, culture: _Culture) -> None:
        rng = self.rng
        for _ in range(rng.choices((0, 1, 2, 3), weights=(40, 35, 18, 7))[0]):
            tag = self.pick(TAGS)
            if tag not in person.tags:
                person.tags.append(tag)
        for _ in range(rng.choices((0, 1, 2, 3, 4), weights=(35, 25, 20, 12, 8))[0]):
            interest = self.pick(INTERESTS)
            if interest not in person.interests:
                person.interests.append(interest)
        if self.chance(0.55):
            year: int | None = self.today.year - rng.randint(22, 70)
            if self.chance(0.003):
                month, day = 2, 29
                year = year if year is not None and calendar.isleap(year) else None
            else:
                month = rng.randint(1, 12)
                day = rng.randint(1, calendar.monthrange(2001, month)[1])
            person.birthday = (None if self.chance(0.25) else year, month, day)
        if self.chance(0.03):
            person.cadence_days = self.rng.choice((7, 21, 45, 60, 180))
        if self.chance(0.45):
            person.met_how = self.fill(self.pick(_MET_HOW))
            person.met_on = self.today - timedelta(days=rng.randint(100, 365 * 12))
        if self.chance(0.15):
            person.notes = self.fill(self.pick(_PERSON_NOTES))

    # the whole network

    def generate(self, people_count: int, interaction_count: int) -> Sample:
        orgs = self.organizations(max(12, min(people_count // 5, 25_000)))
        circles = self.circles(people_count)
        people = [self.person(index, circle) for index, circle in enumerate(circles)]
        self.demo_touches(people)
        events = self.events(people)
        relationships = self.relationships(people)
        interactions = self.interactions(people, events, interaction_count)
        exchanges, follow_ups = self.ledger(people, interactions)
        self.settle_dates(people, interactions)
        return Sample(
            seed=0,
            today=self.today,
            organizations=orgs,
            people=people,
            relationships=relationships,
            events=events,
            interactions=interactions,
            exchanges=exchanges,
            follow_ups=follow_ups,
            milestones=self.milestones(people),
        )

    def demo_touches(self, people: list[Person]) -> None:
        """Whatever the size: a few birthdays in the coming days, and one on Feb 29."""
        close = [p for p in people if p.circle in ("inner", "key")] or people
        for offset, person in zip((2, 5, 9), close[:3], strict=False):
            soon = self.today + timedelta(days=offset)
            person.birthday = (self.today.year - 30 - offset, soon.month, soon.day)
        if len(people) > 10 and not any(p.birthday and p.birthday[1:] == (2, 29) for p in people):
            people[len(people) // 2].birthday = (None, 2, 29)

    def events(self, people: list[Person]) -> list[Event]:
        rng = self.rng
        count = max(6, min(len(people) // 300, 400))
        first_day = self.today - timedelta(days=365 * _YEARS)
        found: list[Event] = []
        for number in range(count):
            networking = self.chance(0.7)
            upcoming = number < 2  # two events still to come
            starts = (
                self.today + timedelta(days=rng.randint(3, 40))
                if upcoming
                else self.day_between(first_day, self.today - timedelta(days=3))
            )
            culture = self.culture()
            city = self.pick_place(culture)[0]
            values = {
                "year": str(starts.year),
                "city": city,
                "n": str(rng.randint(3, 120)),
                "first": self.pick(culture.given),
            }
            template = self.pick(_EVENTS_NETWORKING if networking else _EVENTS_SOCIAL)
            name = self.fill(template, **values)
            ends = (
                starts + timedelta(days=rng.randint(1, 3)) if "{conference}" in template else None
            )
            size = rng.randint(3, max(4, min(60, len(people) // 4)))
            attendees: dict[int, bool] = {}
            for _ in range(size):
                index = rng.randrange(len(people))
                if index in attendees:
                    continue
                person = people[index]
                met_there = not upcoming and person.met_event is None and self.chance(0.2)
                attendees[index] = met_there
                if met_there:
                    person.met_event, person.met_on = len(found), starts
                    person.met_how = f"Met at {name}"
            found.append(
                Event(
                    name=name,
                    starts_on=starts,
                    ends_on=ends,
                    location=city,
                    purpose="networking" if networking else "social",
                    note="" if self.chance(0.7) else self.fill("Great talks on {trend}."),
                    attendees=tuple(attendees.items()),
                )
            )
        return found

    def relationships(self, people: list[Person]) -> list[Relationship]:
        rng = self.rng
        found: dict[tuple[int, int, str], Relationship] = {}
        total = len(people)
        for index, person in enumerate(people):
            if not self.chance(0.15) or total < 2:
                continue
            kind = self.pick(_RELATIONSHIPS)
            other = rng.randrange(total)
            if kind == "colleague" and person.jobs and person.jobs[-1].current:
                colleagues = self.org_people.get(person.jobs[-1].organization, [])
                other = colleagues[rng.randrange(len(colleagues))]
            if other == index or (index, other, kind) in found:
                continue
            note = ""
            if kind == "introduced-by":
                note = f"{people[other].given_name} introduced us"
                if not person.met_how:
                    person.met_how = f"Introduced by {people[other].display_name}"
            since = self.today - timedelta(days=rng.randint(30, 4000)) if self.chance(0.5) else None
            found[(index, other, kind)] = Relationship(index, other, kind, since, note)
        return list(found.values())

    def interactions(
        self, people: list[Person], events: list[Event], count: int
    ) -> list[Interaction]:
        rng = self.rng
        if not people or count <= 0:
            return []
        # Some people are simply talked to more; dormant ones not in the last year.
        affinity = [_CIRCLE_WEIGHT[p.circle] * rng.lognormvariate(0, 1) for p in people]
        recent = _cumulative(
            [0.0 if p.circle == "dormant" else w for p, w in zip(people, affinity, strict=True)]
        )
        older = _cumulative(affinity)
        # A third of the people went quiet weeks or months ago, so check-ins fall due: every
        # third close one for sure (a demo's few key people too), others by chance.
        quiet: list[int] = []
        close = 0
        for person in people:
            if person.circle in ("inner", "key"):
                close += 1
                quiet.append(self.between(20, 120) if close % 3 == 2 else 0)
            else:
                quiet.append(self.between(20, 400) if self.chance(0.33) else 0)
        found: list[Interaction] = []
        for event_index, event in enumerate(events):
            if event.starts_on >= self.today or len(found) >= count // 20:
                continue
            for person_index, _ in event.attendees[:5]:
                found.append(self.at_event(people, person_index, event_index, event))
        horizon = 365 * _YEARS
        midnight = datetime.combine(self.today, time(0, 0), tzinfo=UTC)
        while len(found) < count:
            days_ago = self.between(1, 90) if self.chance(0.35) else self.between(1, horizon)
            at = midnight - timedelta(days=days_ago, minutes=-self.between(7 * 60, 22 * 60))
            weights = recent if days_ago <= 365 and recent[-1] > 0 else older
            main = bisect.bisect(weights, rng.random() * weights[-1])
            for _ in range(3):  # people who went quiet lately are rarely the one we talk to
                if days_ago >= quiet[main]:
                    break
                main = bisect.bisect(weights, rng.random() * weights[-1])
            found.append(self.interaction(people, main, at, weights))
        found.sort(key=lambda interaction: interaction.occurred_at)
        return found

    def interaction(
        self, people: list[Person], main: int, at: datetime, weights: list[float]
    ) -> Interaction:
        rng = self.rng
        person = people[main]
        together = [main]
        draw = rng.random()
        extra = 0 if draw < 0.78 else 1 if draw < 0.94 else 2
        colleagues: list[int] = []
        if person.jobs and person.jobs[-1].current:
            colleagues = self.org_people.get(person.jobs[-1].organization, [])
        for _ in range(extra):
            if colleagues and self.chance(0.5):
                other = colleagues[self.below(len(colleagues))]
            else:
                other = bisect.bisect(weights, rng.random() * weights[-1])
            if other not in together:
                together.append(other)
        purpose = self.purposes[person.mode]()
        channel = self.channels["social" if purpose == "social" else "networking"]()
        span = _MINUTES.get(channel)
        minutes = self.between(*span) // 5 * 5 if span else (5 if self.chance(0.3) else None)
        note, topics = self.note(people, together, channel, purpose, None)
        return Interaction(
            occurred_at=at,
            people=tuple(together),
            channel=channel,
            purpose=None if self.chance(0.06) else purpose,
            minutes=minutes,
            initiated_by=self.pick(_INITIATORS),
            note=note,
            topics=topics,
            event=None,
        )

    def at_event(self, people: list[Person], main: int, index: int, event: Event) -> Interaction:
        at = datetime.combine(event.starts_on, time(18, self.rng.randint(0, 59)), tzinfo=UTC)
        purpose = event.purpose
        note, topics = self.note(people, [main], "event", purpose, event.name)
        return Interaction(at, (main,), "event", purpose, 30, "unknown", note, topics, index)

    def note(
        self,
        people: list[Person],
        together: list[int],
        channel: str,
        purpose: str,
        event: str | None,
    ) -> tuple[str, tuple[str, ...]]:
        main = people[together[0]]
        first = main.nicknames[0] if main.nicknames and self.chance(0.5) else main.given_name
        names = [first] + [people[i].given_name for i in together[1:]]
        who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        employer = main.jobs[-1].organization if main.jobs and main.jobs[-1].current else None

        def company() -> str:
            chosen = employer if employer is not None and self.chance(0.6) else None
            return self.orgs[self.organization() if chosen is None else chosen].name

        slots = self.slots(
            company=company,
            company2=lambda: self.orgs[self.organization()].name,
            other=lambda: people[self.below(len(people))].display_name,
            who=who,
            first=first,
            event=event or "the meetup",
        )
        kinds = _PURPOSE_KINDS[purpose]
        if len(kinds) == 1 and self.chance(0.3):
            kinds = (kinds[0], kinds[0])
        parts = [self.pick(_OPENINGS[channel]).format_map(slots)]
        topics: list[str] = []
        for kind in kinds:
            topic = self.pick(_TOPIC_NAMES[kind])
            if topic in topics:
                continue
            topics.append(topic)
            parts.append(self.pick(_TOPICS[kind][topic]).format_map(slots))
        if self.chance(0.35):
            parts.append(self.pick(_CLOSINGS).format_map(slots))
        return " ".join(parts), tuple(topics)

    def ledger(
        self, people: list[Person], interactions: list[Interaction]
    ) -> tuple[list[Exchange], list[FollowUp]]:
        exchanges: list[Exchange] = []
        follow_ups: list[FollowUp] = []
        for index, interaction in enumerate(interactions):
            networking = interaction.purpose in ("networking", "both")
            gives = networking and self.chance(0.15)
            gift = not gives and interaction.purpose == "social" and self.chance(0.01)
            recent = (self.today - interaction.occurred_at.date()).days <= 30
            follow_up = self.chance(0.2 if recent else 0.07)
            if not (gives or gift or follow_up):
                continue
            main = interaction.people[0]
            slots = self.slots(
                first=people[main].given_name,
                other=lambda: people[self.below(len(people))].display_name,
                company=lambda: self.orgs[self.organization()].name,
            )
            at = interaction.occurred_at
            if gives:
                direction = self.pick(_DIRECTIONS)
                kind = self.exchange_kinds[direction]()
                text_ = _EXCHANGE_TEXT[kind].format_map(slots)
                exchanges.append(Exchange(main, index, direction, kind, text_, at))
            elif gift:
                text_ = _EXCHANGE_TEXT["gift"].format_map(slots)
                exchanges.append(Exchange(main, index, "gave", "gift", text_, at))
            if follow_up:
                follow_ups.append(self.follow_up(main, index, at, slots))
        return exchanges, follow_ups

    def follow_up(self, person: int, interaction: int, at: datetime, slots: _Slots) -> FollowUp:
        rng = self.rng
        due = at.date() + timedelta(days=self.between(2, 21))
        text_ = self.pick(_FOLLOW_UPS).format_map(slots)
        snoozed: date | None = None
        done_at: datetime | None = None
        if due < self.today - timedelta(days=60):  # long settled
            status = "done" if self.chance(0.95) else "dropped"
        elif due < self.today - timedelta(days=10):  # some slipped: overdue now
            draw, statuses = rng.random(), ("done", "dropped", "open")
            status = statuses[0 if draw < 0.7 else 1 if draw < 0.75 else 2]
        else:
            draw, statuses = rng.random(), ("open", "done", "snoozed")
            status = statuses[0 if draw < 0.75 else 1 if draw < 0.95 else 2]
        if status == "done":
            done_at = min(
                self.now, at + timedelta(days=rng.randint(1, 25), hours=rng.randint(0, 8))
            )
        elif status == "snoozed":
            snoozed = self.today + timedelta(days=rng.randint(2, 14))
        return FollowUp(person, interaction, due, text_, status, snoozed, at, done_at)

    def settle_dates(self, people: list[Person], interactions: list[Interaction]) -> None:
        """Nobody was added to the address book after their first logged interaction."""
        first_seen: dict[int, datetime] = {}
        for interaction in interactions:  # sorted by time: the first seen is the earliest
            for index in interaction.people:
                first_seen.setdefault(index, interaction.occurred_at)
        for index, at in first_seen.items():
            person = people[index]
            if at < person.created_at:
                person.created_at = at - timedelta(days=self.rng.randint(1, 60))
                person.updated_at = max(person.updated_at, person.created_at)

    def milestones(self, people: list[Person]) -> list[Milestone]:
        found: list[Milestone] = []
        kinds = _MILESTONES
        for index in range(len(people)):
            if not self.chance(0.06) and index >= 2:
                continue
            kind = self.pick(kinds)
            day = (
                self.today + timedelta(days=3 + index)  # the first two are coming up soon
                if index < 2
                else self.day_between(self.today - timedelta(days=365 * 6), self.today)
            )
            note = {
                "work-anniversary": "Started at {company}",
                "job-change": "New role at {company}",
                "wedding": "Married {partner}",
                "baby": "Baby {partner} was born",
                "move": "Moved to {city}",
                "graduation": "Graduated from {university}",
            }[kind]
            values = {
                "company": self.orgs[self.organization()].name if self.orgs else "Acme",
                "partner": self.pick(self.culture().given),
                "city": self.pick(_SLOTS["place"]),
                "university": self.pick(_UNIVERSITIES).split(" @ ")[0],
            }
            recurring = kind in ("work-anniversary", "wedding", "baby")
            year = day.year - (1 if index < 2 else 0) if self.chance(0.9) else None
            found.append(
                Milestone(index, kind, year, day.month, day.day, recurring, note.format(**values))
            )
        return found


def _cumulative(weights: Sequence[float]) -> list[float]:
    found, total = [], 0.0
    for weight in weights:
        total += weight
        found.append(total)
    return found


def generate(people: int, interactions: int, *, seed: int, today: date) -> Sample:
    """A believable network of ``people`` and ``interactions``, the same for the same arguments.

    Interactions span five years before ``today`` (a third in the last three months);
    follow-ups fall due around ``today``; a few birthdays and milestones come up this week.
    """
    if people < 1 or interactions < 0:
        raise ValueError("a sample needs at least one person and no negative interactions")
    sample = _Generator(seed, today).generate(people, interactions)
    sample.seed = seed
    return sample


# -- loading ---------------------------------------------------------------------------------

BATCH = 10_000
SOURCE_KIND = "sample"


@dataclass(frozen=True)
class FirstIds:
    """Where the sample's ids start in each table, and organizations the owner already has."""

    source: int = 1
    organization: int = 1
    event: int = 1
    person: int = 1
    interaction: int = 1
    existing_organizations: dict[str, int] = field(default_factory=dict)  # normalized → id


class TableRows(NamedTuple):
    """The rows of one table, produced lazily, as tuples of ``columns`` (Python values)."""

    table: Table
    columns: tuple[str, ...]
    rows: Iterator[tuple[object, ...]]


def search_text(person: Person, organizations: Sequence[Organization]) -> str:
    """What ``PeopleRepository.refresh_search_text`` stores for this person, without queries.

    Keep in step with it (``python -m bench`` checks that both agree): nicknames, e-mails
    (also split into words), phones as typed, jobs (current first, then the latest), tags,
    interests, how we met, addresses and the notes.
    """
    jobs = sorted(enumerate(person.jobs), key=lambda item: (not item[1].current, -item[0]))
    return person_search_text(
        nicknames=person.nicknames,
        emails=(address for address, _ in person.emails),
        phones=(phone.raw for phone in person.phones),
        jobs=((organizations[job.organization].name, job.title) for _, job in jobs),
        tags=sorted(person.tags),
        interests=sorted(person.interests, key=str.casefold),
        met_how=person.met_how,
        places=((a.locality, a.region, a.country) for a in person.addresses),
        notes=person.notes,
    )


def last_interactions(sample: Sample) -> list[datetime | None]:
    """Per person, the latest ``occurred_at`` of their interactions (None when never)."""
    latest: list[datetime | None] = [None] * len(sample.people)
    for interaction in sample.interactions:
        at = interaction.occurred_at
        for index in interaction.people:
            known = latest[index]
            if known is None or known < at:
                latest[index] = at
    return latest


def warmths(sample: Sample) -> list[tuple[float, datetime | None]]:
    """Per person, the stored warmth ``(heat, as_of)`` of all their interactions."""
    state: list[tuple[float, datetime | None]] = [(0.0, None)] * len(sample.people)
    for interaction in sample.interactions:
        channel = Channel(interaction.channel)
        for index in interaction.people:
            heat, as_of = state[index]
            state[index] = add_touch(heat, as_of, at=interaction.occurred_at, channel=channel)
    return state


def _normalized(name: str) -> str:
    return " ".join(name.split()).casefold()


def insert_plan(sample: Sample, *, owner_id: int, first: FirstIds) -> list[TableRows]:
    """Every row ``load`` inserts, table by table in foreign-key order."""
    now = datetime.combine(sample.today, time(12, 0), tzinfo=UTC)
    source = first.source
    org_ids: list[int] = []
    new_orgs: list[tuple[object, ...]] = []
    next_org = first.organization
    for org in sample.organizations:
        normalized = _normalized(org.name)
        known = first.existing_organizations.get(normalized)
        if known is None:
            known, next_org = next_org, next_org + 1
            new_orgs.append((known, owner_id, org.name, normalized, org.domain, org.industry, ""))
        org_ids.append(known)
    person_id = [first.person + index for index in range(len(sample.people))]
    event_id = [first.event + index for index in range(len(sample.events))]
    interaction_id = [first.interaction + index for index in range(len(sample.interactions))]
    people = sample.people

    def table(name: str) -> Table:
        return PersonRow.metadata.tables[name]

    def rows_people() -> Iterator[tuple[object, ...]]:
        latest = last_interactions(sample)
        warmth = warmths(sample)
        for index, p in enumerate(people):
            year, month, day = p.birthday if p.birthday else (None, None, None)
            met_event = event_id[p.met_event] if p.met_event is not None else None
            yield (
                person_id[index], p.uid, owner_id, p.display_name, p.display_name.casefold(),
                p.given_name, p.family_name, p.middle_name, p.prefix, p.suffix,
                year, month, day, p.met_how, p.met_on, met_event, p.circle, p.cadence_days,
                p.mode, p.notes, search_text(p, sample.organizations),
                p.created_at, p.updated_at, latest[index], *warmth[index],
            )  # fmt: skip

    def rows_items(kind: str) -> Iterator[tuple[object, ...]]:
        for index, p in enumerate(people):
            pid = person_id[index]
            if kind == "emails":
                for position, (address, label) in enumerate(p.emails):
                    yield (pid, address, address, label, position, source)
            elif kind == "phones":
                for position, phone in enumerate(p.phones):
                    yield (pid, phone.raw, phone.e164, phone.label, position, source)
            elif kind == "urls":
                for position, (url, label) in enumerate(p.urls):
                    yield (pid, url, label, position, source)
            elif kind == "addresses":
                for position, a in enumerate(p.addresses):
                    yield (pid, a.label, "", a.locality, a.region, "", a.country, position, source)
            elif kind == "nicknames":
                for position, nickname in enumerate(p.nicknames):
                    yield (pid, nickname, nickname.casefold(), position, source)
            elif kind == "tags":
                for tag in p.tags:
                    yield (pid, tag, source)
            elif kind == "interests":
                for interest in p.interests:
                    yield (pid, interest, source)
            elif kind == "jobs":
                for position, job in enumerate(p.jobs):
                    start = job.start.isoformat() if job.start else None
                    end = job.end.isoformat() if job.end else None
                    org = org_ids[job.organization]
                    yield (pid, org, job.title, start, end, job.current, position, source)

    def rows_relationships() -> Iterator[tuple[object, ...]]:
        for r in sample.relationships:
            since = r.since.isoformat() if r.since else None
            pid, other = person_id[r.person], person_id[r.other]
            yield (owner_id, pid, other, r.kind, since, None, r.note, now)

    def rows_events() -> Iterator[tuple[object, ...]]:
        for index, e in enumerate(sample.events):
            created = datetime.combine(e.starts_on, time(9, 0), tzinfo=UTC) - timedelta(days=20)
            yield (
                event_id[index], owner_id, e.name, e.starts_on, e.ends_on, e.location,
                e.purpose, e.note, min(created, now),
            )  # fmt: skip

    def rows_attendees() -> Iterator[tuple[object, ...]]:
        for index, e in enumerate(sample.events):
            for person, met_there in e.attendees:
                yield (event_id[index], person_id[person], met_there)

    def rows_interactions() -> Iterator[tuple[object, ...]]:
        for index, i in enumerate(sample.interactions):
            logged = min(i.occurred_at + timedelta(hours=1), now)
            event = event_id[i.event] if i.event is not None else None
            source_kind = "user" if i.purpose is not None else None
            yield (
                interaction_id[index], owner_id, i.occurred_at, i.minutes, i.channel,
                i.purpose, source_kind, None, None, i.initiated_by, None, i.note, event,
                source, logged, logged,
            )  # fmt: skip

    def rows_participants() -> Iterator[tuple[object, ...]]:
        for index, i in enumerate(sample.interactions):
            iid = interaction_id[index]
            for person in i.people:
                yield (iid, person_id[person])

    def rows_topics() -> Iterator[tuple[object, ...]]:
        for index, i in enumerate(sample.interactions):
            iid = interaction_id[index]
            for topic in i.topics:
                yield (iid, topic)

    def rows_exchanges() -> Iterator[tuple[object, ...]]:
        for x in sample.exchanges:
            yield (
                owner_id, person_id[x.person], interaction_id[x.interaction], x.direction,
                x.kind, x.description, x.occurred_at,
            )  # fmt: skip

    def rows_follow_ups() -> Iterator[tuple[object, ...]]:
        for f in sample.follow_ups:
            interaction = interaction_id[f.interaction] if f.interaction is not None else None
            yield (
                owner_id, person_id[f.person], interaction, f.due_on, f.text, f.status,
                f.snoozed_until, f.created_at, f.done_at,
            )  # fmt: skip

    def rows_milestones() -> Iterator[tuple[object, ...]]:
        for m in sample.milestones:
            yield (
                owner_id, person_id[m.person], m.kind, m.year, m.month, m.day, m.recurring,
                m.note, now,
            )  # fmt: skip

    detail = f"kithkin.sample seed={sample.seed}"
    steps: list[tuple[str, str, Iterator[tuple[object, ...]]]] = [
        ("sources", "id owner_id kind detail created_at",
            iter([(source, owner_id, SOURCE_KIND, detail, now)])),
        ("organizations", "id owner_id name normalized_name domain industry notes",
            iter(new_orgs)),
        ("events", "id owner_id name starts_on ends_on location purpose note created_at",
            rows_events()),
        ("people", "id uid owner_id display_name sort_name given_name family_name middle_name "
            "prefix suffix birth_year birth_month birth_day met_how met_on met_event_id circle "
            "cadence_days mode notes search_text created_at updated_at last_interaction_at "
            "warmth_heat warmth_as_of",
            rows_people()),
        ("person_emails", "person_id value normalized label position source_id",
            rows_items("emails")),
        ("person_phones", "person_id raw e164 label position source_id", rows_items("phones")),
        ("person_urls", "person_id value label position source_id", rows_items("urls")),
        ("person_addresses", "person_id label street locality region postal_code country "
            "position source_id", rows_items("addresses")),
        ("person_nicknames", "person_id value normalized position source_id",
            rows_items("nicknames")),
        ("person_tags", "person_id name source_id", rows_items("tags")),
        ("person_interests", "person_id name source_id", rows_items("interests")),
        ("employments", "person_id organization_id title start_date end_date is_current "
            "position source_id", rows_items("jobs")),
        ("relationships", "owner_id person_id other_id kind since until note created_at",
            rows_relationships()),
        ("event_attendees", "event_id person_id met_there", rows_attendees()),
        ("interactions", "id owner_id occurred_at minutes channel purpose purpose_source "
            "purpose_confidence model_purpose initiated_by activity note event_id source_id "
            "created_at updated_at", rows_interactions()),
        ("interaction_participants", "interaction_id person_id", rows_participants()),
        ("interaction_topics", "interaction_id topic", rows_topics()),
        ("exchanges", "owner_id person_id interaction_id direction kind description "
            "occurred_at", rows_exchanges()),
        ("follow_ups", "owner_id person_id interaction_id due_on text status snoozed_until "
            "created_at done_at", rows_follow_ups()),
        ("milestones", "owner_id person_id kind year month day recurring note created_at",
            rows_milestones()),
    ]  # fmt: skip
    return [TableRows(table(name), _words(columns), rows) for name, columns, rows in steps]


def batches(
    rows: Iterator[tuple[object, ...]], size: int = BATCH
) -> Iterator[list[tuple[object, ...]]]:
    batch: list[tuple[object, ...]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


_WITH_IDS = _words("sources organizations events people interactions")


def first_ids(connection: Connection, owner_id: int) -> FirstIds:
    """The next free id of each table the sample gives explicit ids to."""
    tops = {
        name: connection.scalar(select(func.max(PersonRow.metadata.tables[name].c.id))) or 0
        for name in _WITH_IDS
    }
    existing = connection.execute(
        select(OrganizationRow.normalized_name, OrganizationRow.id).where(
            OrganizationRow.owner_id == owner_id
        )
    ).all()
    return FirstIds(
        source=tops["sources"] + 1,
        organization=tops["organizations"] + 1,
        event=tops["events"] + 1,
        person=tops["people"] + 1,
        interaction=tops["interactions"] + 1,
        existing_organizations=dict(existing),
    )


def load(store: Store, sample: Sample, *, analyze: bool = True) -> None:
    """Insert the whole sample for ``store.owner_id`` in one transaction (bulk executemany).

    Full-text search follows by itself: FTS5 triggers on SQLite, generated columns on
    PostgreSQL. Expects no other writer while it runs (it picks the next free ids first).
    With ``analyze`` the query planner's statistics are refreshed afterwards (see
    ``refresh_statistics``), as after any bulk load.
    """
    with store.engine.begin() as connection:
        if sample.people and connection.scalar(
            select(PersonRow.id).where(PersonRow.uid == sample.people[0].uid)
        ):
            raise Conflict(
                f"the sample with seed {sample.seed} is already in this database; "
                "use another seed or a fresh database."
            )
        first = first_ids(connection, store.owner_id)
        for step in insert_plan(sample, owner_id=store.owner_id, first=first):
            statement = insert(step.table)
            columns = step.columns
            for batch in batches(step.rows):
                connection.execute(
                    statement, [dict(zip(columns, row, strict=True)) for row in batch]
                )
        if connection.dialect.name == "postgresql":
            for name in _WITH_IDS:  # explicit ids do not move the sequences
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {name}))"
                    )
                )
        data_version.bump_if_written(connection, store.owner_id)
    if analyze:
        refresh_statistics(store)


def refresh_statistics(store: Store) -> None:
    """ANALYZE: without statistics SQLite picks poor plans on big tables (found by ``bench``)."""
    with store.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA analysis_limit=1000")
        connection.exec_driver_sql("ANALYZE")
