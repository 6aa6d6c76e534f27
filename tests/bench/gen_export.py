#!/usr/bin/env python3
"""Generate a synthetic, valid rurume-export/1 export for benchmarking the loader.

    gen_export.py (--users N | --records N) [--posts-per-user P] [--seed S]
                  [--split DIR | --files K DIR | -o FILE]

The output is deterministic for a given (N, S): one random.Random(S) drives
everything and nothing depends on hash order or the clock. Per 10,000 users it
holds about 1,000 facilities, 5,000 patients, 5,000 patient groups of ~6
members, 40,000 posts, 12,000 devices and 26,000 documents, and weighs about
30 MB. Every reference resolves; the data is mostly compliant, with a few
percent of realistic lapses so that rules have something to find.

The YAML is written by hand in the block style of a human-written export:
`- id: ...` records, fields indented by 4, ids, enums, dates and timestamps
plain, free text (names, posts, emails, apps, purposes) double-quoted.
--split DIR writes one file per collection, each with `format:`; `network`
and `exported_at` go to network.yaml only. --files K DIR writes K files of
about the same size instead (part-1.yaml ... part-K.yaml, the collections cut
into consecutive runs of records; network.yaml as with --split), the shape
of a large export a server writes in pieces. --records N picks the number
of users that gives about N records (posts per user included);
--posts-per-user P (default 4) sets the share of posts, which dominate an
export that keeps years of them. Standard library only.
"""

import argparse
import datetime
import os
import random
import re
import sys

FORMAT = "rurume-export/1"
EXPORTED_AT = "2026-11-24T02:00:00+09:00"
EPOCH = datetime.date(2019, 4, 1).toordinal()     # the network's first day
AS_OF = datetime.date(2026, 11, 23).toordinal()   # last full day in the export
COLLECTIONS = ("facilities", "users", "documents", "patients", "groups",
               "posts", "devices", "incidents", "sanctions")

# ---------------------------------------------------------------- vocabulary

FAMILY = ("佐藤 鈴木 高橋 田中 伊藤 渡辺 山本 中村 小林 加藤 吉田 山田 佐々木 山口 "
          "松本 井上 木村 林 斎藤 清水 山崎 森 池田 橋本 阿部 石川 山下 中島 石井 "
          "小川 前田 岡田 長谷川 藤田 後藤 近藤 村上 遠藤 青木 坂本 古賀 松尾 原田 "
          "野口 江口 堤 権藤 樋口 緒方 重松 荒巻 酒見 八尋 牛島").split()
GIVEN = ("太郎 一郎 健太 大輔 翔太 拓也 直樹 誠 浩二 修 和子 花子 陽子 恵子 美咲 "
         "さくら 由美 直美 真由美 愛 久美子 幸子 節子 ひろみ あゆみ 翼 蓮 悠真 結衣 "
         "陽菜 正雄 義雄 キヨ ハル トメ ミツ ヨシ子 勝 清 茂 千代子 文子").split()
PLACES = ("久留米 合川 御井 国分 津福 荒木 安武 大善寺 善導寺 田主丸 北野 城島 三潴 "
          "梅満 東合川 上津 高良内 宮ノ陣 小森野 諏訪野 篠山 日吉 京町 原古賀 野中 "
          "花畑 西町 本町 東町 南町").split()
MIDS = ("", "", "中央", "さくら", "みどり", "ひかり", "あおば", "すこやか", "ひまわり", "駅前")
KINDS = {  # kind: (weight, staff weight, name suffixes, professions; first = the admin's)
    "clinic": (25, 2, ("クリニック", "内科医院", "診療所", "ファミリークリニック"),
               ("doctor", "nurse", "nurse", "clerk")),
    "hospital": (5, 5, ("病院", "中央病院", "記念病院"),
                 ("doctor", "doctor", "nurse", "nurse", "social_worker", "therapist", "clerk")),
    "dental": (8, 1, ("歯科医院", "歯科クリニック"), ("dentist", "other", "clerk")),
    "pharmacy": (20, 1, ("薬局", "調剤薬局", "ファーマシー"), ("pharmacist",)),
    "visiting_nursing": (15, 2, ("訪問看護ステーション",), ("nurse",)),
    "care_management": (15, 1, ("居宅介護支援事業所", "ケアプランセンター"), ("care_manager",)),
    "home_care": (7, 1, ("訪問介護事業所", "ヘルパーステーション"), ("care_worker",)),
    "rehabilitation": (3, 1, ("訪問リハビリテーション", "リハビリセンター"), ("therapist",)),
    "other": (2, 1, ("地域包括支援センター", "福祉用具センター"), ("social_worker", "other")),
}
APPS = ("Chrome", "Safari", "Microsoft Edge", "LINE", "Gmail", "Outlook", "Zoom",
        "Microsoft Teams", "電子カルテビューア", "カメラ", "Google マップ",
        "お薬手帳プラス", "Excel", "Word", "Adobe Acrobat Reader", "服薬支援ノート")
BAD_APPS = ("Winny", "BitTorrent", "Share")
PURPOSES = ("訪問診療", "訪問看護", "サービス担当者会議", "研修会への参加", "往診", "退院前カンファレンス")
OUTSIDE_ORGS = ("久留米大学病院 地域連携室", "福岡県 保健所", "久留米市 介護保険課", "県薬剤師会",
                "訪問歯科ネットワーク", "NPO法人 在宅ケアを支える会")

POST_PATIENT = (
    "本日{t}に訪問しました。", "血圧{bp}、脈拍{p}、SpO2 {s}%。", "体温{tmp}℃、著変ありません。",
    "食事摂取は{pct}割程度です。", "夜間の睡眠は良好とのことです。", "下肢に軽度の浮腫あり、経過をみます。",
    "{drug}を本日より開始しました。", "残薬を確認し、一包化の提案をしました。",
    "ご家族より「最近よく眠れている」とのことです。", "次回訪問は{d}日の予定です。",
    "褥瘡の処置を行いました。発赤は改善傾向です。", "デイサービスの利用日を変更しました。",
    "排便コントロール良好。", "ADL変化なし、歩行器で室内移動可能です。",
    "往診時、\"頓用\"の使い方を再度説明しました。", "訪問入浴を実施しました。",
)
POST_GROUP = (
    "来週の勉強会の資料を共有します。", "{d}日の研修会は19時開始です。", "議事録をアップしました。",
    "次回の症例検討会の担当をお願いします。", "資料は共有フォルダ \\\\share\\研修 にあります。",
    "シフトの変更をお知らせします。", "感染対策マニュアルを更新しました。#確認お願いします",
)
POST_ALL = (
    "【お知らせ】るるめネット運用ポリシーを改定しました。", "【事務局】{d}日に多職種研修会を開催します。",
    "【お願い】MCSのパスワード設定を確認してください。", "【事務局】年末年始の窓口: 12月29日〜1月3日は休みです。",
)
DRUGS = ("アムロジピン", "酸化マグネシウム", "ロキソプロフェン", "ランソプラゾール", "ドネペジル", "フロセミド")


class Ctx:
    """The random source plus the small helpers every section uses."""

    def __init__(self, seed):
        self.r = random.Random(seed)

    def pick(self, seq):
        return seq[self.r.randrange(len(seq))]

    def chance(self, p):
        return self.r.random() < p

    def day(self, lo, hi):
        """A day ordinal in [lo, hi] (hi is clamped to lo)."""
        return self.r.randint(lo, max(lo, hi))

    def person(self, family=None):
        return "%s\u3000%s" % (family or self.pick(FAMILY), self.pick(GIVEN))

    def moment(self, day, hour_lo=8, hour_hi=19):
        return datetime.datetime.fromordinal(day).replace(
            hour=self.r.randint(hour_lo, hour_hi), minute=self.r.randrange(60))

    def stamp(self, day, hour_lo=8, hour_hi=19):
        return ts(self.moment(day, hour_lo, hour_hi))

    def maybe(self, value, p_absent=0.03):
        """Most fields are known; a few are absent (unknown, not false)."""
        return None if self.chance(p_absent) else value


def iso(day):
    return datetime.date.fromordinal(day).isoformat()


def ts(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:00+09:00")


# ---------------------------------------------------------------- the model

class Facility:
    def __init__(self, fid, name, kind, joined):
        self.id, self.name, self.kind, self.joined = fid, name, kind, joined
        self.withdrawn = None
        self.staff = []          # Users
        self.admins = []         # Users with role mcs_admin
        self.app_days = []       # usage applications signed (day ordinals)
        self.apps_allowed = None


class User:
    def __init__(self, uid, name, kind):
        self.id, self.name, self.type = uid, name, kind
        self.facility = None
        self.org = self.profession = self.patient = self.left = None
        self.roles = []
        self.status = "active"
        self.rurume = True
        self.registered = EPOCH
        self.email = ""

    @property
    def live(self):
        return self.status == "active" and self.left is None


class Patient:
    accounts = ()


class Group:
    patient = None


class Gen:
    def __init__(self, users, seed, posts_per_user=4):
        self.n = users
        self.posts_per_user = posts_per_user
        self.c = Ctx(seed)
        self.facilities, self.users, self.patients = [], [], []
        self.groups, self.documents, self.posts, self.devices = [], [], [], []
        self.incidents, self.sanctions = [], []

    def run(self):
        self.make_facilities()
        self.make_professionals()
        self.make_patients()
        self.make_family_accounts()
        self.make_groups()
        self.make_posts()
        self.make_devices()
        self.make_documents()
        self.make_incidents_and_sanctions()

    # -- facilities ---------------------------------------------------------

    def make_facilities(self):
        c = self.c
        sec = Facility("F000", "久留米医師会事務局", "secretariat", EPOCH)
        sec.rec = {"loss_procedure_confirmed_on": iso(AS_OF - 40)}
        self.facilities.append(sec)
        kinds = list(KINDS)
        weights = [KINDS[k][0] for k in kinds]
        for i in range(1, max(3, self.n // 10)):
            kind = "clinic" if i == 1 else c.r.choices(kinds, weights)[0]   # patients need a doctor
            name = c.pick(PLACES) + c.pick(MIDS) + c.pick(KINDS[kind][2])
            f = Facility("F%05d" % i, name, kind, c.day(EPOCH, AS_OF - 400))
            if c.chance(0.04):
                f.withdrawn = c.day(f.joined + 200, AS_OF - 30)
            f.rec = {"loss_procedure_confirmed_on": c.maybe(iso(c.day(AS_OF - 420, AS_OF)), 0.15)}
            if c.chance(0.2):
                f.apps_allowed = ["MCS"] + c.r.sample(APPS, c.r.randint(2, 6))
            self.facilities.append(f)
        # Applications (別紙3): the first when joining, then a few more; users
        # are registered shortly after the application that added them.
        for f in self.facilities:
            last = f.withdrawn - 30 if f.withdrawn else AS_OF - 20
            f.app_days = sorted({f.joined} | {c.day(f.joined + 30, last) for _ in range(c.r.randint(0, 3))})
        self.sec = sec
        self.by_kind = {}
        for f in self.facilities[1:]:
            if not f.withdrawn:
                self.by_kind.setdefault(f.kind, []).append(f)

    # -- users ----------------------------------------------------------------

    def new_user(self, name, kind):
        u = User("U%06d" % (len(self.users) + 1), name, kind)
        self.users.append(u)
        return u

    def make_professionals(self):
        c = self.c
        n_prof = int(self.n * 0.85)
        homes = [self.sec] * 4 + self.facilities[1:]       # every facility gets one, F000 four
        rest = n_prof - len(homes)
        others = self.facilities[1:]
        homes += c.r.choices(others, [KINDS[f.kind][1] for f in others], k=max(0, rest - n_prof // 50))
        homes += [None] * (n_prof - len(homes))            # professionals from outside the network
        for f in homes:
            u = self.new_user(c.person(), "professional")
            if f is None:
                u.org = c.pick(OUTSIDE_ORGS)
                u.profession = c.pick(("doctor", "nurse", "social_worker", "other"))
                u.registered = c.day(EPOCH, AS_OF - 30)
                u.email = "u%s@example.org" % u.id[1:]
            else:
                self.add_staff(f, u)
            self.set_status(u, f)

    def add_staff(self, f, u):
        c = self.c
        u.facility = f
        if f.kind == "secretariat":
            u.profession = "clerk"
            u.roles = ["mcs_admin", "secretariat"] if not f.staff else ["secretariat"]
        else:
            profs = KINDS[f.kind][3]
            u.profession = profs[0] if not f.staff else c.pick(profs)
            if not f.staff or (len(f.staff) == 5 and c.chance(0.5)):
                u.roles = ["mcs_admin"]
        u.app = 0 if not f.staff or f.kind == "secretariat" else c.r.randrange(len(f.app_days))
        u.registered = min(f.app_days[u.app] + c.r.randint(1, 10), AS_OF - 1)
        u.email = "u%s@%s.example.jp" % (u.id[1:], f.id.lower())
        f.staff.append(u)
        if u.roles and "mcs_admin" in u.roles:
            f.admins.append(u)

    def set_status(self, u, f):
        c = self.c
        if f is not None and f.withdrawn:
            u.status, u.left = "deleted", f.withdrawn
        elif not (f is not None and f.admins and f.admins[0] is u) and u.registered < AS_OF - 90 \
                and c.chance(0.08):
            u.left = c.day(u.registered + 60, AS_OF - 15)
            u.status = "suspended" if c.chance(0.25) else "deleted"
            if c.chance(0.04):
                u.status = "active"                       # left but still active: a finding
        u.rurume = c.chance(0.96) or f is self.sec

    # -- patients -----------------------------------------------------------

    def make_patients(self):
        c = self.c
        doctors = [u for f in self.by_kind.get("clinic", []) + self.by_kind.get("hospital", [])
                   for u in f.staff if u.profession == "doctor" and u.live]
        for i in range(1, self.n // 2 + 1):
            doc = c.pick(doctors)
            p = Patient()
            p.id, p.family = "P%06d" % i, c.pick(FAMILY)
            p.name, p.doctor, p.facility = c.person(p.family), doc, doc.facility
            p.start = min(c.day(max(doc.registered, p.facility.joined) + 7, AS_OF - 10), AS_OF - 3)
            p.status, p.ended = "active", None
            roll = c.r.random()
            if roll < 0.12:
                p.status = "ended"
            elif roll < 0.20:
                p.status = "deceased"
            if p.status != "active":
                p.ended = min(c.day(p.start + 20, AS_OF - 1), AS_OF - 1)
            rec = {"id": p.id, "name": p.name,
                   "birth_date": iso(c.day(datetime.date(1920, 1, 1).toordinal(),
                                           datetime.date(1965, 12, 31).toordinal())),
                   "facility": p.facility.id, "primary_physician": doc.id, "status": p.status,
                   "ended_on": iso(p.ended) if p.status == "ended" else None,
                   "died_on": iso(p.ended) if p.status == "deceased" else None}
            if c.chance(0.03):
                rec["disclosures"] = [self.disclosure(p) for _ in range(c.r.randint(1, 2))]
            p.rec = rec
            self.patients.append(p)

    def disclosure(self, p):
        c = self.c
        d = {"to": c.pick(("久留米市 介護保険課", "%s地域包括支援センター" % c.pick(PLACES),
                            "%s病院 地域連携室" % c.pick(PLACES), "保健所")),
             "disclosed_on": iso(c.day(p.start, p.ended or AS_OF)), "consent": c.chance(0.85)}
        if not d["consent"] and c.chance(0.8):
            d["basis"] = c.pick(("law", "vital_interest", "public_health"))
        return d

    def make_family_accounts(self):
        c = self.c
        p_i = 0
        while len(self.users) < self.n:
            p = self.patients[(p_i * 7919) % len(self.patients)]
            p_i += 1
            own = c.chance(0.33)
            u = self.new_user(p.name if own else c.person(p.family), "patient" if own else "family")
            u.patient, u.rurume = p, None
            u.registered = c.day(p.start, min(p.start + 30, AS_OF - 1))
            u.email = "%s%s@example.ne.jp" % ("pt" if own else "fam", u.id[1:])
            if p.status != "active" and c.chance(0.5):
                u.status, u.left = "deleted", None
            p.accounts = list(p.accounts) + [u]

    # -- groups ---------------------------------------------------------------

    def new_group(self, kind, name, facility, creator, created):
        g = Group()
        g.id = "G%06d" % len(self.groups) if self.groups else "G000"
        g.kind, g.name, g.facility, g.creator, g.created = kind, name, facility, creator, created
        g.state, g.end, g.members, g.admins = "active", AS_OF, [], []
        g.rec, g.joined = {}, {creator: created}
        self.groups.append(g)
        g.members.append(({"user": creator.id, "role": "admin", "joined_on": iso(created)}, creator, created))
        g.admins.append(creator)
        return g

    def add_member(self, g, u, inviter, admin=False, designated_by=None, soon=None):
        """Invite u into g; returns False when it cannot happen before the export."""
        c = self.c
        if u in g.joined:
            return False
        lo = max(g.created, u.registered, g.joined[inviter])
        invited = c.day(lo, lo + soon) if soon is not None else c.day(lo, g.end)
        joined = invited + c.r.randint(0, 3)
        if joined > min(g.end, AS_OF):
            return False
        m = {"user": u.id, "role": "admin" if admin else "member", "invited_by": inviter.id,
             "invited_on": iso(invited)}
        if inviter not in g.admins:
            m["approved_by"] = c.pick([a for a in g.admins if g.joined[a] <= invited]).id
        if designated_by is not None:
            m["designated_by"] = designated_by.id
        m["joined_on"] = iso(joined)
        g.members.append((m, u, joined))
        g.joined[u] = joined
        if admin:
            g.admins.append(u)
        return True

    def make_groups(self):
        c = self.c
        sec_staff = self.sec.staff
        g0 = self.new_group("all_members", "るるめネット全員", self.sec, sec_staff[0], sec_staff[0].registered)
        for u in sec_staff[1:]:
            self.add_member(g0, u, sec_staff[0], admin=True, soon=5)
        for u in self.users:
            if u.type == "professional" and u.rurume and u.live and u.facility is not self.sec \
                    and c.chance(0.9):
                self.add_member(g0, u, c.pick(g0.admins), soon=20)
        self.make_patient_groups()
        self.make_free_groups()

    def live_staff(self, kind, profession=None):
        pool = self._pools.get((kind, profession))
        if pool is None:
            pool = [u for f in self.by_kind.get(kind, []) for u in f.staff
                    if u.live and u.rurume and (profession is None or u.profession == profession)]
            self._pools[(kind, profession)] = pool
        return pool

    def make_patient_groups(self):
        c = self.c
        self._pools = {}
        team = (("visiting_nursing", "nurse", 0.9), ("pharmacy", "pharmacist", 0.85),
                ("care_management", "care_manager", 0.95), ("home_care", "care_worker", 0.7),
                ("rehabilitation", "therapist", 0.4), ("dental", "dentist", 0.15),
                ("visiting_nursing", "nurse", 0.3))
        for p in self.patients:
            created = min(p.start + c.r.randint(0, 3), AS_OF - 1)
            g = self.new_group("patient", "%s様" % p.name, p.facility, p.doctor, created)
            g.patient, g.end = p, AS_OF
            if p.status != "active":
                if p.status == "deceased" or p.ended < AS_OF - 90:
                    g.end = min(p.ended + c.r.randint(7, 60), AS_OF - 1)
                    g.state = "archived"
                    if p.status == "ended" and g.end < AS_OF - 365 and c.chance(0.3):
                        g.state = "deleted"
            g.team = []
            for kind, prof, p_in in team:
                pool = self.live_staff(kind, prof)
                if pool and c.chance(p_in):
                    u = c.pick(pool)
                    admin = prof == "nurse" and c.chance(0.6)
                    inviter = p.doctor if admin or c.chance(0.6) else c.pick(g.admins)
                    if self.add_member(g, u, inviter, admin=admin,
                                       designated_by=p.doctor if admin else None, soon=14):
                        g.team.append(u)
            colleagues = [u for u in p.facility.staff if u is not p.doctor and u.live and u.rurume]
            if colleagues and c.chance(0.7):
                self.add_member(g, c.pick(colleagues), c.pick(g.admins), soon=7)
            for u in p.accounts:
                if c.chance(0.7):
                    self.add_member(g, u, p.doctor, soon=30)
            if len(g.members) > 2 and c.chance(0.1):   # invited later by a non-admin member
                inviter = g.members[-1][1]
                self.add_member(g, c.pick(self.live_staff("visiting_nursing") or [p.doctor]), inviter)
            if g.state != "active":
                key = "archived_on" if g.state == "archived" else "deleted_on"
                g.rec[key] = iso(g.end)
            elif c.chance(0.92):
                g.rec["last_reviewed_on"] = iso(c.day(max(g.created, AS_OF - 200), AS_OF))

    def make_free_groups(self):
        c = self.c
        pros = [u for u in self.users if u.type == "professional" and u.live and u.facility]
        topics = ("多職種勉強会", "薬剤師連絡会", "訪問看護連絡会", "認知症ケア勉強会", "緩和ケア研究会",
                  "ケアマネ情報交換会", "摂食嚥下研究会")
        for i in range(max(1, self.n // 200)):
            creator = c.pick(pros)
            approved = c.chance(0.4)
            name = ("【るるめネット】" if approved else c.pick(PLACES) + "地区 ") + c.pick(topics)
            g = self.new_group("free", name, creator.facility, creator,
                               c.day(creator.registered, AS_OF - 60))
            if approved:
                g.rec["rurume_approved_on"] = iso(g.created + c.r.randint(0, 10))
            for u in c.r.sample(pros, min(len(pros), c.r.randint(5, 40))):
                self.add_member(g, u, c.pick(g.members)[1])
        big = [f for f in self.facilities[1:] if not f.withdrawn and len(f.staff) >= 3]
        for f in c.r.sample(big, min(len(big), max(1, self.n // 200))):
            staff = [u for u in f.staff if u.live]
            if not staff:
                continue
            g = self.new_group("workplace", "%s 職場" % f.name, f, staff[0],
                               c.day(staff[0].registered, AS_OF - 30))
            for u in staff[1:]:
                self.add_member(g, u, staff[0], admin="mcs_admin" in u.roles)
        for g in self.groups:
            if g.kind in ("free", "workplace") and c.chance(0.1):
                g.state = "archived"
                g.end = c.day(max(g.created + 30, max(m[2] for m in g.members)), AS_OF - 1)
                g.rec["archived_on"] = iso(g.end)

    def group_record(self, g):
        rec = {"id": g.id, "name": g.name, "kind": g.kind, "facility": g.facility.id,
               "patient": g.patient.id if g.kind == "patient" else None,
               "created_on": iso(g.created), "created_by": g.creator.id, "state": g.state}
        rec.update(g.rec)
        rec["members"] = [m[0] for m in g.members]
        return rec

    # -- posts ----------------------------------------------------------------

    def make_posts(self):
        c = self.c
        n_posts = int(self.n * self.posts_per_user)
        pgroups = [g for g in self.groups if g.kind == "patient" and g.state != "deleted"]
        others = [g for g in self.groups if g.kind in ("free", "workplace")]
        g0 = self.groups[0]
        posts = []
        while len(posts) < n_posts:
            roll = c.r.random()
            g = c.pick(pgroups) if roll < 0.88 or not others else g0 if roll < 0.89 else c.pick(others)
            _, author, joined = c.pick(g.members)
            last = min(g.end, AS_OF)
            if joined > last:
                continue
            day = c.day(joined, last)
            text_src = POST_ALL if g is g0 else POST_PATIENT if g.kind == "patient" else POST_GROUP
            rec = {"id": None, "group": g.id, "author": author.id, "posted_at": c.stamp(day, 7, 21)}
            if g is g0 and author.facility is not self.sec:
                rec["approved_on"] = iso(c.day(day - 5, day))
            info = g.kind == "patient" and c.chance(0.7) or g.kind == "free" and c.chance(0.005)
            rec["patient_info"] = c.maybe(info, 0.05)
            if c.chance(0.96):
                rec["text"] = self.text(text_src)
            rec["state"] = "deleted" if c.chance(0.03) else "visible"
            posts.append(rec)
        posts.sort(key=lambda r: r["posted_at"])
        for i, rec in enumerate(posts, 1):
            rec["id"] = "PS%07d" % i
        self.posts = posts

    def text(self, src):
        c = self.c
        s = "".join(c.pick(src) for _ in range(c.r.choices((1, 2, 3), (60, 35, 5))[0]))
        s = s.format(t="%d時" % c.r.randint(9, 17), bp="%d/%d" % (c.r.randint(100, 160), c.r.randint(55, 95)),
                     p=c.r.randint(55, 100), s=c.r.randint(88, 99), tmp="36.%d" % c.r.randrange(10),
                     pct=c.r.randint(3, 10), drug=c.pick(DRUGS), d=c.r.randint(1, 28))
        return s[:80]

    # -- devices --------------------------------------------------------------

    def make_devices(self):
        c = self.c
        staff = [u for u in self.users if u.type == "professional" and u.facility]
        for i in range(1, int(self.n * 1.2) + 1):
            u = c.pick(staff)
            f = u.facility
            start = max(u.registered, f.joined)
            bad = c.chance(0.05)     # a careless device: some settings off
            allowed = f.apps_allowed or ["MCS"] + list(APPS)
            apps = ["MCS"] + c.r.sample(allowed[1:], min(len(allowed) - 1, c.r.randint(1, 6)))
            if c.chance(0.003):
                apps.append(c.pick(BAD_APPS))
            d = {"id": "DV%06d" % i, "facility": f.id,
                 "type": c.r.choices(("smartphone", "tablet", "pc", "other"), (50, 25, 20, 5))[0],
                 "ownership": "facility" if c.chance(0.7) else "personal",
                 "assigned_to": u.id if c.chance(0.9) else None,
                 "in_ledger": c.maybe(not (bad and c.chance(0.5))),
                 "screen_lock": c.maybe(not (bad and c.chance(0.5))),
                 "antivirus": c.maybe(not (bad and c.chance(0.5))),
                 "os_updated_on": c.maybe(iso(c.day(max(start, AS_OF - (200 if bad else 80)), AS_OF))),
                 "os_supported": c.maybe(not (bad and c.chance(0.3))),
                 "browser_saves_password": c.maybe(bad and c.chance(0.5)),
                 "apps": c.maybe(apps, 0.05),
                 "remote_wipe": c.maybe(c.chance(0.7)), "line_suspension": c.maybe(c.chance(0.5)),
                 "mdm": c.maybe(c.chance(0.4) or not bad), "public_wifi": c.maybe(bad and c.chance(0.4))}
            roll = c.r.random()
            status = "in_use"
            if f.withdrawn or not u.live or roll < 0.07:
                status = "retired"
                d["retired_on"] = iso(c.day(start, u.left or f.withdrawn or AS_OF))
                if c.chance(0.95):
                    d["wiped_on"] = d["retired_on"]
            elif roll < 0.10:
                status = "lost" if roll < 0.09 else "stolen"
                self.loss(d, c.day(start, AS_OF - 5))
            d["status"] = status
            if f.admins and c.chance(0.1):
                d["takeouts"] = [self.takeout(f, start) for _ in range(c.r.randint(1, 3))]
            self.devices.append(d)

    def loss(self, d, day):
        c = self.c
        lost = c.moment(day, 7, 22)
        admin = lost + datetime.timedelta(minutes=c.r.randint(10, 60 * (30 if c.chance(0.1) else 12)))
        sec = admin + datetime.timedelta(minutes=c.r.randint(30, 60 * 20))
        d["lost_at"] = ts(lost)
        d["reported_to_admin_at"] = ts(admin)
        d["reported_to_secretariat_at"] = ts(sec)
        if c.chance(0.8):
            d["remote_locked_at"] = ts(admin + datetime.timedelta(minutes=c.r.randint(5, 120)))
        if c.chance(0.6):
            d["mcs_suspended_at"] = ts(sec + datetime.timedelta(minutes=c.r.randint(5, 240)))

    def takeout(self, f, start):
        c = self.c
        frm = c.day(start + 1, AS_OF - 3)
        return {"from": iso(frm), "to": iso(frm + c.r.randint(0, 3)), "purpose": c.maybe(c.pick(PURPOSES)),
                "approved_by": c.pick(f.admins).id, "approved_on": iso(frm - c.r.randint(0, 3))}

    # -- documents ------------------------------------------------------------

    def make_documents(self):
        c = self.c
        docs = []
        for u in self.users:
            if u.type != "professional":
                continue
            fid = u.facility.id if u.facility else None
            if c.chance(0.97):
                docs.append(self.pledge("retention_pledge", fid, u, u.registered - c.r.randint(0, 10)))
            if u.registered + 300 < (u.left or AS_OF) and c.chance(0.3):
                docs.append(self.pledge("retention_pledge", fid, u, c.day(u.registered + 300, u.left or AS_OF)))
            if "mcs_admin" in u.roles:
                docs.append(self.pledge("management_pledge", fid, u, u.registered - c.r.randint(0, 10)))
                if u.registered + 300 < AS_OF and c.chance(0.15):
                    docs.append(self.pledge("management_pledge", fid, u, c.day(u.registered + 300, AS_OF)))
        for f in self.facilities:
            docs += self.applications(f)
        for g in self.groups:
            if g.kind == "patient":
                docs += self.consents(g)
        docs.sort(key=lambda d: d["signed_on"])
        for i, d in enumerate(docs, 1):
            d["id"] = "D%06d" % i
        self.documents = docs

    def pledge(self, form, fid, u, signed):
        signed = min(signed, AS_OF - 1)
        return {"id": None, "form": form, "facility": fid, "user": u.id, "signed_on": iso(signed),
                "received_on": iso(min(signed + self.c.r.randint(0, 14), AS_OF))}

    def applications(self, f):
        c = self.c
        apps = [{"id": None, "form": "usage_application", "facility": f.id, "signed_on": iso(day - 3),
                 "received_on": iso(day), "entries": []} for day in f.app_days]
        for u in f.staff:
            if not c.chance(0.98):
                continue                  # never applied for: a finding
            email = u.email
            if u.app + 1 < len(apps) and c.chance(0.05):   # the address changed later
                email = email.replace("@", ".old@")
                apps[c.r.randint(u.app + 1, len(apps) - 1)]["entries"].append(
                    {"user": u.id, "action": "change", "email": u.email})
            apps[u.app]["entries"].append({"user": u.id, "action": "add", "email": email})
        deletions = {}
        for u in f.staff:
            if u.status == "deleted" and u.left and c.chance(0.9):
                deletions.setdefault(u.left, []).append({"user": u.id, "action": "delete"})
        for day, entries in sorted(deletions.items()):
            apps.append({"id": None, "form": "usage_application", "facility": f.id,
                         "signed_on": iso(day), "received_on": iso(min(day + c.r.randint(0, 7), AS_OF)),
                         "entries": entries})
        return [a for a in apps if a["entries"]]

    def consents(self, g):
        c = self.c
        p = g.patient
        facilities = [p.facility] + [u.facility for u in g.team if u.facility.kind == "visiting_nursing"]
        if c.chance(0.3):
            facilities += [u.facility for u in g.team if u.facility.kind == "pharmacy"]
        docs = []
        for i, f in enumerate(facilities):
            if i == 0 and c.chance(0.02):
                continue                  # a missing consent: a finding
            signed = g.created - c.r.randint(0, 7) if i == 0 else c.day(g.created, min(g.created + 14, AS_OF))
            d = {"id": None, "form": "patient_consent", "facility": f.id, "patient": p.id,
                 "signed_on": iso(signed),
                 "copies": ["patient", "facility"] if c.chance(0.96) else ["facility"]}
            if g.state != "active" and p.status == "ended" and c.chance(0.2):
                d["revoked_on"] = iso(g.end)
            docs.append(d)
        return docs

    # -- incidents, sanctions ------------------------------------------------

    def make_incidents_and_sanctions(self):
        c = self.c
        active = [f for f in self.facilities[1:] if not f.withdrawn and f.admins]
        for i in range(1, max(1, self.n // 500) + 1):
            f = c.pick(active)
            finder = c.pick(f.staff)
            found = c.moment(c.day(max(finder.registered, AS_OF - 700), AS_OF - 5))
            admin = found + datetime.timedelta(minutes=c.r.randint(5, 600))
            rec = {"id": "IN%04d" % i, "kind": "operational_problem" if c.chance(0.8) else "misuse",
                   "facility": f.id, "found_by": finder.id, "found_at": ts(found),
                   "reported_to_admin_at": ts(admin)}
            if c.chance(0.9):
                rec["reported_to_secretariat_at"] = ts(admin + datetime.timedelta(hours=c.r.randint(1, 72)))
            self.incidents.append(rec)
        pros = [u for u in self.users if u.type == "professional"]
        gone = [u for u in pros if u.status == "deleted" and u.left]
        for i in range(1, max(1, self.n // 1000) + 1):
            expel = gone and c.chance(0.3)
            u = c.pick(gone) if expel else c.pick(pros)
            day = c.day(u.registered, u.left if expel else AS_OF)
            self.sanctions.append({"id": "SA%04d" % i, "user": u.id,
                                   "action": "expulsion" if expel else c.pick(("caution", "guidance")),
                                   "imposed_on": iso(day)})

    # -- records ----------------------------------------------------------------

    def facility_record(self, f):
        c = self.c
        rec = {"id": f.id, "name": f.name, "kind": f.kind,
               "status": "withdrawn" if f.withdrawn else "active", "joined_on": iso(f.joined),
               "withdrawn_on": iso(f.withdrawn) if f.withdrawn else None}
        if c.chance(0.95):
            rec["device_ledger"] = {"kept": c.chance(0.93),
                                    "updated_on": iso(c.day(max(f.joined, AS_OF - 420), AS_OF))}
        rec.update(f.rec)
        rec["approved_apps"] = f.apps_allowed
        return rec

    def user_record(self, u):
        c = self.c
        rec = {"id": u.id, "name": u.name, "type": u.type,
               "facility": u.facility.id if u.facility else None, "organization": u.org,
               "profession": u.profession, "email": u.email, "roles": u.roles or None,
               "status": u.status, "rurume_member": u.rurume, "registered_on": iso(u.registered),
               "left_on": iso(u.left) if u.left else None,
               "last_login_on": c.maybe(iso(c.day(u.registered, u.left or AS_OF)), 0.1),
               "patient": u.patient.id if u.patient else None}
        if c.chance(0.9):
            weak = c.chance(0.03)
            rec["password"] = {"length": c.r.randint(6, 7) if weak else c.r.randint(8, 16),
                               "has_letter": c.chance(0.99), "has_digit": not weak or c.chance(0.5),
                               "shared": c.chance(0.005)}
        return rec

    def records(self, name):
        """The records of one collection, as dicts ready to emit."""
        if name == "facilities":
            return [self.facility_record(f) for f in self.facilities]
        if name == "users":
            return [self.user_record(u) for u in self.users]
        if name == "patients":
            return [p.rec for p in self.patients]
        if name == "groups":
            return [self.group_record(g) for g in self.groups]
        return getattr(self, name)


# ---------------------------------------------------------------- YAML writing

PLAIN_OK = re.compile(r"[A-Za-z][A-Za-z0-9_]*|\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d\+09:00)?")
RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}
# Free text is always quoted; a takeout's `to` is a date, a disclosure's `to`
# is Japanese text that PLAIN_OK never matches.
FREE_TEXT = {"name", "organization", "email", "text", "purpose", "apps", "approved_apps"}
ESCAPES = {i: "\\x%02x" % i for i in range(0x20)}
ESCAPES.update({0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\", 0x7F: "\\x7f",
                0x85: "\\N", 0x2028: "\\L", 0x2029: "\\P"})


def quote(s):
    return '"' + s.translate(ESCAPES) + '"'


def scalar(key, v):
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, int):
        return str(v)
    if key in FREE_TEXT or not PLAIN_OK.fullmatch(v) or v.lower() in RESERVED:
        return quote(v)
    return v


def emit_mapping(out, d, indent, first_prefix=None):
    """Block mapping at `indent`; absent (None) values are left out."""
    pad = " " * indent
    prefix = first_prefix or pad
    for k, v in d.items():
        if v is None:
            continue
        if isinstance(v, dict):
            out.append("%s%s:\n" % (prefix, k))
            emit_mapping(out, v, indent + 2)
        elif isinstance(v, list):
            if not v:
                out.append("%s%s: []\n" % (prefix, k))
            else:
                out.append("%s%s:\n" % (prefix, k))
                emit_sequence(out, k, v, indent + 2)
        else:
            out.append("%s%s: %s\n" % (prefix, k, scalar(k, v)))
        prefix = pad


def emit_sequence(out, key, items, indent):
    dash = " " * indent + "- "
    for item in items:
        if isinstance(item, dict):
            emit_mapping(out, item, indent + 2, dash)
        else:
            out.append(dash + scalar(key, item) + "\n")


def header(with_network):
    out = ["format: %s\n" % FORMAT]
    if with_network:
        out.append("exported_at: %s\n" % EXPORTED_AT)
        emit_mapping(out, {"network": {"name": "るるめネット", "secretariat_facility": "F000",
                                       "all_members_group": "G000"}}, 0)
    return out


def collection(out, name, records):
    if not records:
        out.append("%s: []\n" % name)
        return
    out.append("%s:\n" % name)
    emit_sequence(out, name, records, 2)


def write(path, chunks):
    if path in (None, "-"):
        sys.stdout.write("".join(chunks))
        return
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("".join(chunks))


# Records per user, besides posts, as the generator makes them (measured at 10,000 users: 53,000 records
# without the posts); --records divides by this plus --posts-per-user.
RECORDS_PER_USER = 5.3


def count_records(gen):
    return sum(len(gen.records(name)) for name in COLLECTIONS)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = ap.add_mutually_exclusive_group(required=True)
    size.add_argument("--users", type=int, help="number of users (>= 50)")
    size.add_argument("--records", type=int, help="about this many records in all")
    ap.add_argument("--posts-per-user", type=float, default=4, help="posts per user (default 4)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    dest = ap.add_mutually_exclusive_group()
    dest.add_argument("--split", metavar="DIR", help="one file per collection in DIR")
    dest.add_argument("--files", nargs=2, metavar=("K", "DIR"), help="K files of about the same size in DIR")
    dest.add_argument("-o", "--output", metavar="FILE", help="single file (default stdout)")
    args = ap.parse_args(argv)
    users = args.users if args.users is not None else int(args.records / (RECORDS_PER_USER + args.posts_per_user))
    if users < 50:
        ap.error("--users must be at least 50")
    gen = Gen(users, args.seed, args.posts_per_user)
    gen.run()
    print("%d users, %d records" % (users, count_records(gen)), file=sys.stderr)
    if args.files:
        k, d = int(args.files[0]), args.files[1]
        if k < 1:
            ap.error("--files needs at least 1 file")
        os.makedirs(d, exist_ok=True)
        write(os.path.join(d, "network.yaml"), header(True))
        # Every record once, in collection order, cut into K runs of about the same number of records.
        flat = [(name, r) for name in COLLECTIONS for r in gen.records(name)]
        per = (len(flat) + k - 1) // k
        for part in range(k):
            chunk = flat[part * per:(part + 1) * per]
            out = header(False)
            for name in COLLECTIONS:
                recs = [r for n, r in chunk if n == name]
                if recs:
                    collection(out, name, recs)
            write(os.path.join(d, "part-%d.yaml" % (part + 1)), out)
        return 0
    if args.split:
        os.makedirs(args.split, exist_ok=True)
        write(os.path.join(args.split, "network.yaml"), header(True))
        for name in COLLECTIONS:
            out = header(False)
            collection(out, name, gen.records(name))
            write(os.path.join(args.split, name + ".yaml"), out)
    else:
        out = header(True)
        for name in COLLECTIONS:
            collection(out, name, gen.records(name))
        write(args.output, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
