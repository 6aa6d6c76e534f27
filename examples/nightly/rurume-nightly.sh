#!/bin/sh
# shellcheck disable=SC2059  # printf の書式は L が選ぶ固定の文 (データは %s で渡す)
# ===========================================================================
# rurume-nightly.sh — るるめネットのエクスポートを毎晩監査し、日付ごとにレポートを残す
#                     (nightly audit of a rurume-export, for cron)
# ===========================================================================
#
# ■ 何をするか
#   1. EXPORT_DIR にあるエクスポート (YAML) を rurume-audit check で監査します。
#   2. 前回の結果 REPORT_DIR/latest.json と比べ、指摘を「新規」「継続」「解消」に
#      分けます (rurume-audit の --baseline)。
#   3. 今日のレポートを REPORT_DIR/YYYY-MM-DD/ に置きます。
#   4. 監査が信頼できたとき (rurume-audit の終了ステータスが 0 か 1) だけ、
#      今日の report.json を REPORT_DIR/latest.json にして、次回のベースラインにします。
#   5. 短いまとめ (新規・解消の件数と一覧) を標準出力に書きます。cron はこれを
#      メールで送ります。
#
# ■ cron への登録例 (crontab -e で、毎日 2:15 に実行)
#
#     MAILTO=it-tantou@example.jp
#     RURUME_ATTESTATIONS=/srv/rurume/attestations.yaml
#     RURUME_RECIPIENTS=/srv/rurume/recipients.yaml
#     15 2 * * * /opt/rurume/rurume-nightly.sh /srv/rurume/export /srv/rurume/reports
#
#   環境変数は crontab の行の前に「名前=値」の行で書けます (下の「設定」を参照)。
#   cron の PATH は /usr/bin:/bin だけのことが多いので、rurume-audit が
#   /usr/local/bin 以外にあるときは RURUME_AUDIT=/path/to/rurume-audit を書いてください。
#
# ■ 引数
#   --dry-run DIR  メールを送らずに DIR に .eml ファイルとして書きます (試すとき)
#   EXPORT_DIR   エクスポートのディレクトリ (またはファイル)。毎晩ここに新しい
#                エクスポートが置かれる前提です。
#   REPORT_DIR   レポートを置くディレクトリ (なければ作ります)。
#
# ■ 設定 (環境変数。どれも省略できます)
#   RURUME_AUDIT    rurume-audit の場所 (既定: PATH 上の rurume-audit、なければ
#                   /usr/local/bin/rurume-audit)
#   RURUME_RULES    ルールのディレクトリ (--rules。既定: rurume-audit と一緒に
#                   インストールされたもの)
#   RURUME_CONFIG   ネットワークごとの設定ファイル (--config)
#   RURUME_WAIVERS  承認済みの免除の一覧 (--waivers)
#   RURUME_RECIPIENTS  メールの宛先 (YAML、schemas/rurume-recipients.schema.json)。
#                   あれば、このスクリプトが自分でメールを送ります (rurume-audit mail):
#                   事務局に全体のまとめと HTML レポート、事業所には新しいことか期限を
#                   過ぎたことがある夜にその事業所のレポートだけ。送れたときは何も出力
#                   しないので、cron のメールは送れなかった夜だけ届きます。
#   RURUME_SENDMAIL メールを渡すプログラム (既定 /usr/sbin/sendmail。どの MTA にもある)
#   RURUME_ATTESTATIONS  手動で確認する条項の確認記録 (--attestations。ひな形は
#                   rurume-audit clauses --template EXPORT_DIR で作れます)。
#                   まとめに期限切れ・期限間近・未確認の条項を書きます
#   RURUME_FAIL_ON  どの重大度の「新規」指摘でエラー終了するか:
#                   error (既定) | warning | note | never
#   RURUME_LANG     レポートと、このスクリプトが書くまとめの言語: ja (既定) | en
#   RURUME_AS_OF    基準日 YYYY-MM-DD (既定: 日本時間の今日)。テストや、過去の
#                   日付でやり直すときに使います。日付ディレクトリの名前にもなります。
#
# ■ できるもの
#   REPORT_DIR/
#     latest.json              最後に信頼できた監査の JSON (次回のベースライン)
#     2026-11-25/              その日のレポート (一度に出来上がります。途中の状態は見えません)
#       report.html            人が読む用 (ブラウザで開く)
#       report.txt             人が読む用 (テキスト)
#       report.json            プログラム用 (比較にも使う)
#       facilities/F001.html   事業所ごとのレポート (.html .txt .json)、all.* は全体
#       summary.txt            メールと同じまとめ
#       rurume-audit.log       rurume-audit が画面に出したもの
#     2026-11-26.untrusted/    信頼できなかった回の記録 (入力エラーなど。下を参照)
#   同じ日に 2 回実行すると、その日のディレクトリは新しい結果で置き換わります
#   (ベースラインはその日の 1 回目の結果になります)。
#   古い日付のディレクトリは自動では消しません。必要なら手で消してください。
#
# ■ 終了ステータス (cron のメールの件名や監視に使えます)
#   0  問題なし。前回からの「新しい」エラー指摘はない (前からある指摘が残っていても 0)
#   1  新しいエラー指摘がある (RURUME_FAIL_ON で変更可)。まとめの「新しい指摘」を確認
#   2  監査を信頼できない: エクスポートが読めない・入力エラー・ルールや設定の誤り・
#      rurume-audit が見つからない・別の実行がまだ動いている、など。
#      latest.json は更新しません (次回も前回の信頼できる結果と比べます)。
#      記録は REPORT_DIR/YYYY-MM-DD.untrusted/ に残ります。
#   3, 4, 5  RURUME_RECIPIENTS のメールを送れなかった (監査の結果 0, 1, 2 に 3 を
#      足したもの)。理由は標準エラー出力に、レポートはいつもどおり REPORT_DIR に残ります。
#   ※ 初回 (latest.json がないとき) はベースラインがないので、すべての指摘が「新規」です。
#     エラーの指摘が 1 件でもあれば、初回は 1 で終わります。
#
# ■ 困ったとき
#   - 「別の実行が動いています」が続く: 本当に動いていなければ REPORT_DIR/.lock を
#     消してください。
#   - 比較をやり直したい (全部を新規として数え直したい): latest.json を消してください。
#   - 必要なもの: POSIX sh と coreutils、sed・grep・awk (どの Linux にもあります)。
#     jq などは要りません。JSON は下の小さな awk で読みます。
#   - 個人情報: レポートとメールには患者の氏名・生年月日・投稿本文は出ません
#     (rurume-audit の既定)。--show-personal-info は付けないでください。
# ===========================================================================

set -u
prog=${0##*/}
# cron の環境にはロケールがないことが多い: 文字コードは UTF-8 に決めておく (Debian には C.UTF-8 が必ずある)
LC_ALL=C.UTF-8
export LC_ALL

# --- 小さな道具 -------------------------------------------------------------

# L 日本語 English: RURUME_LANG の言語の方 (まとめの文言はすべてこれを通す)
L() {
  if [ "${lang:-${RURUME_LANG:-ja}}" = en ]; then printf '%s' "$2"; else printf '%s' "$1"; fi
}

# 重大度の名前: エラー・警告・注記 (error, warning, note)
severity_label() {
  case $1 in
    error) L エラー error ;; warning) L 警告 warning ;; note) L 注記 note ;; *) printf '%s' "$1" ;;
  esac
}

# 監査ができなかったとき: 理由を書いて 2 で終わる (後片付けは trap が行う)
die() {
  printf "$(L 'rurume-audit 夜間監査: 監査できませんでした (終了ステータス 2): %s' 'rurume-audit nightly audit: could not audit (exit status 2): %s')\n" "$*"
  exit 2
}

usage() {
  printf "$(L '使い方' 'usage'): %s [--dry-run DIR] EXPORT_DIR REPORT_DIR\n" "$prog" >&2
  printf '  %s\n' "$(L '(設定は環境変数で。このファイルの先頭の説明を見てください)' '(settings are environment variables: see the comment at the top of this file)')" >&2
  exit 2
}

# JSON レポートから必要なところだけを取り出す (jq を使わないため)。
# rurume-audit が書いた JSON を 1 文字ずつ読み、タブ区切りで出します:
#   F  change  severity  rule  kind  id  waived  message    (findings[] の 1 件)
#   X  severity  rule  kind  id  message                    (fixed[] の 1 件。対象は
#                                        subject{kind,id} でも subject_kind/_id でも読む)
#   M  state  clause  facility  expires                    (manual_clauses.entries[] の 1 件)
#   S  /as_of、/baseline/as_of、/summary/...、/manual_clauses/summary/... の場所  値
# 文字列の中の { } [ ] , : や \" も正しく扱います。
json_extract() {
  LC_ALL=C awk '
    BEGIN { d = 0; OFS = "\t" }
    function here() { return d == 0 ? "" : path[d] "/" (ty[d] == "o" ? key[d] : "#") }
    function push(c,   p) {
      p = here(); d++; path[d] = p; ty[d] = (c == "{") ? "o" : "a"; wantkey[d] = (c == "{")
      if (p == "/findings/#" || p == "/fixed/#" || p == "/manual_clauses/entries/#") { split("", f); rec = p "/"; waived = 0 }
    }
    function pop(   p, w) {
      p = path[d]; d--
      if (p == "/findings/#") {
        w = waived ? "waived" : ""
        print "F", f["change"], f["severity"], f["rule"], f["subject/kind"], f["subject/id"], w, f["message"]
      } else if (p == "/fixed/#") {
        k = (f["subject/kind"] != "") ? f["subject/kind"] : f["subject_kind"]
        id = (f["subject/id"] != "") ? f["subject/id"] : f["subject_id"]
        print "X", f["severity"], f["rule"], k, id, f["message"]
      } else if (p == "/manual_clauses/entries/#") {
        print "M", f["state"], f["clause"], (f["facility"] == "null" ? "" : f["facility"]), f["attestation/expires"]
      }
      if (p == "/findings/#" || p == "/fixed/#" || p == "/manual_clauses/entries/#") rec = ""
    }
    function scalar(v,   p) {
      p = here()
      if (rec != "" && substr(p, 1, length(rec)) == rec) {
        p = substr(p, length(rec) + 1); f[p] = v
        # 免除 (waiver) が当たっている: "waived" に何か (false と null 以外) がある
        if (p ~ /^waive[dr](\/|$)/ && v != "false" && v != "null") waived = 1
        return
      }
      if (p == "/as_of" || p == "/baseline/as_of" || p ~ /^\/summary\// || p ~ /^\/manual_clauses\/(summary\/|attestations_file)/) print "S", p, v
    }
    {
      line = $0; n = length(line); i = 1
      while (i <= n) {
        c = substr(line, i, 1)
        if (c == "\"") {
          s = ""; i++
          while (i <= n) {
            c = substr(line, i, 1)
            if (c == "\"") break
            if (c == "\\") {
              i++; c = substr(line, i, 1)
              if (c == "n" || c == "t" || c == "r") c = " "
              else if (c == "b" || c == "f") c = ""
              else if (c == "u") c = "\\u"
            }
            s = s c; i++
          }
          i++
          if (d > 0 && ty[d] == "o" && wantkey[d]) { key[d] = s; wantkey[d] = 0 } else scalar(s)
        } else if (c == "{" || c == "[") { push(c); i++ }
        else if (c == "}" || c == "]") { pop(); i++ }
        else if (c == ",") { if (d > 0 && ty[d] == "o") wantkey[d] = 1; i++ }
        else if (index(": \t\r", c) > 0) { i++ }
        else {
          s = ""
          while (i <= n && index("{}[],: \t\r\"", substr(line, i, 1)) == 0) { s = s substr(line, i, 1); i++ }
          scalar(s)
        }
      }
    }' "$1"
}

# 重大度の順位 (error が一番重い)。never は何にも当たらない
severity_rank() {
  case $1 in error) echo 3 ;; warning) echo 2 ;; note) echo 1 ;; *) echo 0 ;; esac
}

# --- 引数と設定 -------------------------------------------------------------

dry_run=
if [ "${1:-}" = --dry-run ]; then
  [ $# -ge 2 ] || usage
  dry_run=$2
  shift 2
fi
[ $# -eq 2 ] || usage
export_dir=$1
report_dir=$2
if [ -z "$export_dir" ] || [ -z "$report_dir" ]; then usage; fi
# 「-」で始まる名前がオプションと取り違えられないように
case $export_dir in -*) export_dir=./$export_dir ;; esac
case $report_dir in -*) report_dir=./$report_dir ;; esac

bin=${RURUME_AUDIT:-}
if [ -z "$bin" ]; then
  bin=$(command -v rurume-audit 2>/dev/null) || bin=/usr/local/bin/rurume-audit
fi
fail_on=${RURUME_FAIL_ON:-error}
lang=${RURUME_LANG:-ja}
if [ -n "${RURUME_AS_OF:-}" ]; then
  day=$RURUME_AS_OF
else
  day=$(TZ=JST-9 date +%Y-%m-%d)   # 日本時間の今日 (tzdata がなくても動く書き方)
fi

case $day in
  [0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]) ;;
  *) die "$(L 'RURUME_AS_OF は YYYY-MM-DD で指定してください' 'RURUME_AS_OF must be YYYY-MM-DD'): $day" ;;
esac
case $fail_on in
  error|warning|note|never) ;;
  *) die "$(L 'RURUME_FAIL_ON は error、warning、note、never のどれかです' 'RURUME_FAIL_ON is one of error, warning, note, never'): $fail_on" ;;
esac
[ -x "$bin" ] || die "$(L "rurume-audit が見つかりません: $bin (RURUME_AUDIT で場所を指定してください)" "rurume-audit not found: $bin (set RURUME_AUDIT to where it is)")"
[ -e "$export_dir" ] || die "$(L 'エクスポートが見つかりません' 'no export at'): $export_dir"
mkdir -p "$report_dir" 2>/dev/null || die "$(L 'レポートのディレクトリを作れません' 'cannot create the report directory'): $report_dir"

# --- 同時に 2 つ動かないようにする (mkdir は一度に 1 人しか成功しない) ------------

lock=$report_dir/.lock
have_lock=
tmp=
old=
dest=
# shellcheck disable=SC2317  # (trap から呼ばれる)
cleanup() {
  # 置き換えの途中で止められたら、前のレポートを元の名前に戻す
  if [ -n "$old" ] && [ -e "$old" ] && [ ! -e "$dest" ]; then mv "$old" "$dest"; fi
  if [ -n "$tmp" ]; then rm -rf "$tmp"; fi
  if [ -n "$have_lock" ]; then rm -rf "$lock"; fi
}
trap cleanup EXIT
trap 'exit 2' HUP INT TERM

if ! mkdir "$lock" 2>/dev/null; then
  pid=$(cat "$lock/pid" 2>/dev/null)
  if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
    # 前の実行が途中で止まって残したロック: 片付けて続ける
    rm -rf "$lock"
    mkdir "$lock" 2>/dev/null || die "$(L '別の実行が動いています' 'another run is in progress') ($lock)"
  else
    die "$(L "別の実行 (PID ${pid:-不明}) が動いています。動いていなければ $lock を消してください" "another run (PID ${pid:-unknown}) is in progress; if it is not, remove $lock")"
  fi
fi
have_lock=1
echo $$ >"$lock/pid"

# --- 監査する (作業用ディレクトリに書き、できあがってから名前を変える) --------------

# 作業用ディレクトリは REPORT_DIR の中に作る: 同じファイルシステムなので、最後の
# mv (名前の変更) は一瞬で終わり、書きかけのレポートが見えることはない。
tmp=$report_dir/.tmp-$day.$$
rm -rf "$tmp"
mkdir "$tmp" "$tmp/facilities" || die "$(L '作業用ディレクトリを作れません' 'cannot create the working directory'): $tmp"

latest=$report_dir/latest.json
baseline=
[ -f "$latest" ] && baseline=$latest

set -- check --quiet --as-of "$day" --lang "$lang" --fail-on "$fail_on"
[ -n "${RURUME_RULES:-}" ] && set -- "$@" --rules "$RURUME_RULES"
[ -n "${RURUME_CONFIG:-}" ] && set -- "$@" --config "$RURUME_CONFIG"
[ -n "${RURUME_WAIVERS:-}" ] && set -- "$@" --waivers "$RURUME_WAIVERS"
[ -n "${RURUME_ATTESTATIONS:-}" ] && set -- "$@" --attestations "$RURUME_ATTESTATIONS"
# 前回の結果があれば比べる。--fail-on-new: 「新しい」指摘だけで 1 になる
[ -n "$baseline" ] && set -- "$@" --baseline "$baseline" --fail-on-new
set -- "$@" --format json --format text --format html \
            --split-by facility --output-dir "$tmp/facilities" "$export_dir"

"$bin" "$@" >"$tmp/rurume-audit.log" 2>&1
rc=$?

# 信頼できるのは 0 と 1 だけ。2 も、それ以外 (クラッシュ、強制終了など) も信頼しない。
reason=
case $rc in
  0|1)
    for ext in json txt html; do
      if [ -s "$tmp/facilities/all.$ext" ]; then
        cp "$tmp/facilities/all.$ext" "$tmp/report.$ext" || reason=$(L "report.$ext をコピーできません" "cannot copy report.$ext")
      else
        reason=$(L "rurume-audit が facilities/all.$ext を書きませんでした" "rurume-audit did not write facilities/all.$ext")
      fi
    done
    ;;
  2) reason=$(L 'rurume-audit が入力・ルール・設定の誤りを報告しました (終了ステータス 2)' 'rurume-audit reported errors in the input, the rules or the settings (exit status 2)') ;;
  *) reason=$(L "rurume-audit が異常終了しました (終了ステータス $rc)" "rurume-audit ended abnormally (exit status $rc)") ;;
esac
if [ -z "$reason" ]; then
  json_extract "$tmp/report.json" >"$tmp/.extract" || reason=$(L 'report.json を読めません' 'cannot read report.json')
fi
if [ -z "$reason" ] && ! grep -q '^S	/summary/' "$tmp/.extract"; then
  reason=$(L 'report.json に summary がありません' 'report.json has no summary')
fi

# --- メールで届ける (RURUME_RECIPIENTS があるとき) -------------------------------

# deliver DAY_DIR: rurume-audit mail で事務局と事業所に送る。送れなければ 1
# (理由は標準エラー出力に)。RURUME_RECIPIENTS がなければ何もしない (0)。
deliver() {
  [ -n "${RURUME_RECIPIENTS:-}" ] || return 0
  set -- mail --quiet --lang "$lang" --recipients "$RURUME_RECIPIENTS" "$1"
  [ -n "${RURUME_SENDMAIL:-}" ] && set -- "$@" --sendmail "$RURUME_SENDMAIL"
  [ -n "$dry_run" ] && set -- "$@" --dry-run "$dry_run"
  if "$bin" "$@"; then return 0; fi
  printf "$(L 'rurume-audit 夜間監査: メールを送れませんでした (レポートは %s にあります)' 'rurume-audit nightly audit: the mail was not sent (the reports are in %s)')\n" "$1" >&2
  return 1
}

# finish STATUS DAY_DIR: まとめを出し、メールを送って終わる。送れたときは何も
# 出さない (cron のメールは送れなかった夜だけ届く)。送れなければ STATUS + 3。
finish() {
  if [ -z "${RURUME_RECIPIENTS:-}" ]; then
    cat "$2/summary.txt"
    exit "$1"
  fi
  if deliver "$2"; then
    [ -n "$dry_run" ] && printf "$(L 'メールを %s に書きました (--dry-run)' 'wrote the mail to %s (--dry-run)')\n" "$dry_run"
    exit "$1"
  fi
  cat "$2/summary.txt"
  exit $(($1 + 3))
}

# --- 信頼できなかったとき: 記録だけ残して 2 で終わる (latest.json はそのまま) -------

# move_into_place SRC DEST: DEST を SRC で置き換える (すでにあれば古い方は消す)
move_into_place() {
  if [ -e "$2" ]; then
    old=$report_dir/.old-${2##*/}.$$
    mv "$2" "$old" || return 1
  fi
  if ! mv "$1" "$2"; then
    [ -n "$old" ] && mv "$old" "$2"
    return 1
  fi
  tmp=
  [ -n "$old" ] && rm -rf "$old"
  old=
  return 0
}

if [ -n "$reason" ]; then
  rm -f "$tmp/.extract"
  dest=$report_dir/$day.untrusted
  {
    printf "$(L 'rurume-audit 夜間監査 %s: 監査を信頼できません (終了ステータス 2)' 'rurume-audit nightly audit %s: the audit cannot be trusted (exit status 2)')\n" "$day"
    printf "$(L '理由: %s' 'reason: %s')\n" "$reason"
    printf '%s\n' "$(L 'latest.json は更新していません。次回も前回の結果と比べます。' 'latest.json is unchanged: the next run compares with the same previous result.')"
    printf "$(L '記録: %s/' 'kept in: %s/')\n" "$dest"
    if [ -s "$tmp/rurume-audit.log" ]; then
      printf '\n%s\n' "$(L 'rurume-audit の出力 (先頭 30 行):' 'what rurume-audit printed (first 30 lines):')"
      head -n 30 "$tmp/rurume-audit.log" | sed 's/^/  /'
    fi
    # 入力・ルール・設定のエラーは、テキストレポートに [RA1234] の形で出る
    # (80 桁で折り返され、続きの行は字下げされている)
    if [ -s "$tmp/facilities/all.txt" ]; then
      printf '\n%s\n' "$(L '入力・ルール・設定の問題 (最初の 30 件。全体は facilities/all.txt):' 'problems in the input, the rules or the settings (the first 30; all of them in facilities/all.txt):')"
      awk '/\[RA[0-9][0-9][0-9][0-9]\]/ { if (++n > 30) exit; on = 1; print "  " $0; next }
           on && /^    / { print "  " $0; next }
           { on = 0 }' "$tmp/facilities/all.txt"
    fi
    if [ -n "$baseline" ] && cat "$tmp/rurume-audit.log" "$tmp/facilities/all.txt" 2>/dev/null | grep -qF "$latest:"; then
      printf "\n$(L '前回の結果 %s が読めません。壊れていれば消してください (次回は初回として、すべてを新規と数えます)。' 'the previous result %s cannot be read; if it is damaged, remove it (the next run then counts every finding as new).')\n" "$latest"
    fi
  } >"$tmp/summary.txt"
  move_into_place "$tmp" "$dest" || dest=$tmp
  finish 2 "$dest"
fi

# --- まとめを作る -------------------------------------------------------------

x=$tmp/.extract
count() { grep -c "$1" "$x"; }
summary_value() { sed -n "s|^S	$1	||p" "$x" | head -n 1; }

if [ -n "$baseline" ]; then
  # 比較したとき: change が "new" のものが新規
  new_pat='^F	new	'
  base_day=$(summary_value /baseline/as_of)
  [ -n "$base_day" ] || base_day=$(json_extract "$baseline" | sed -n 's|^S	/as_of	||p' | head -n 1)
  compared=$(L "ベースライン: ${base_day:-?} の結果 (latest.json)" "baseline: the result of ${base_day:-?} (latest.json)")
else
  # 初回: 比べるものがないので、すべてが新規
  new_pat='^F	[^	]*	'
  compared=$(L 'ベースラインなし (初回): すべての指摘を新規として数えます' 'no baseline (the first run): every finding counts as new')
fi
total=$(count '^F	')
new_total=$(count "$new_pat")
new_error=$(count "${new_pat}error	")
new_warning=$(count "${new_pat}warning	")
new_note=$(count "${new_pat}note	")
unchanged=$(count '^F	unchanged	')
fixed=$(count '^X	')
not_evaluated=$(summary_value /summary/not_evaluated)
input_warnings=$(summary_value /summary/diagnostics/warning)

# 失敗とする重大度以上の新規指摘 (承認済みの免除は除く)
limit=$(severity_rank "$fail_on")
new_failing=0
for sev in error warning note; do
  if [ "$limit" -gt 0 ] && [ "$(severity_rank "$sev")" -ge "$limit" ]; then
    n=$(grep "${new_pat}${sev}	" "$x" | grep -vc '	waived	')
    new_failing=$((new_failing + n))
  fi
done

# 終了ステータスは rurume-audit 自身の判定 (--fail-on-new) に従う。初回は
# --fail-on-new を付けていないが、すべてが新規なので意味は同じ。
status=$rc
case $status in
  0) verdict=$(L '要対応の新しい指摘はありません' 'no new findings to act on') ;;
  1) verdict=$(L "新しい指摘 (重大度 $(severity_label "$fail_on") 以上) があります。確認してください" "new findings (severity $fail_on or above): please look at them") ;;
esac

# 一覧 (長くなりすぎないよう 30 件まで)
list_max=30
{
  printf "$(L 'rurume-audit 夜間監査 %s: %s (終了ステータス %s)' 'rurume-audit nightly audit %s: %s (exit status %s)')\n" "$day" "$verdict" "$status"
  printf '%s\n' "$compared"
  printf "$(L '新規: %s 件 (エラー %s、警告 %s、注記 %s)' 'new: %s (errors %s, warnings %s, notes %s)')\n" "$new_total" "$new_error" "$new_warning" "$new_note"
  printf "$(L '解消: %s 件' 'fixed: %s')\n" "$fixed"
  printf "$(L '継続: %s 件' 'unchanged: %s')\n" "$unchanged"
  printf "$(L '指摘の合計: %s 件' 'findings in all: %s')\n" "$total"
  [ -n "$not_evaluated" ] && [ "$not_evaluated" != 0 ] && printf "$(L '未評価: %s 件' 'not evaluated: %s')\n" "$not_evaluated"
  [ -n "$input_warnings" ] && [ "$input_warnings" != 0 ] && printf "$(L '入力警告: %s 件' 'input warnings: %s')\n" "$input_warnings"
  if { [ "$status" -eq 0 ] && [ "$new_failing" -gt 0 ]; } || { [ "$status" -eq 1 ] && [ "$new_failing" -eq 0 ]; }; then
    printf "$(L '注意: rurume-audit の判定 (終了ステータス %s) と新規指摘の集計 (%s 件) が合いません。report.txt を確認してください' 'note: rurume-audit'"'"'s verdict (exit status %s) and the count of new findings (%s) disagree; look at report.txt')\n" "$status" "$new_failing"
  fi
  if [ "$new_total" -gt 0 ]; then
    printf '\n%s\n' "$(L '新しい指摘:' 'new findings:')"
    grep "$new_pat" "$x" | head -n "$list_max" |
      awk -F '	' -v en="$([ "$lang" = en ] && echo 1)" -v waived="$(L ' (免除)' ' (waived)')" 'BEGIN {
             if (!en) { sev["error"] = "エラー"; sev["warning"] = "警告"; sev["note"] = "注記";
             k["facility"] = "事業所"; k["user"] = "利用者"; k["patient"] = "患者"; k["group"] = "グループ";
             k["member"] = "メンバー"; k["post"] = "投稿"; k["device"] = "機器"; k["incident"] = "インシデント"; k["document"] = "書類" } }
           function S(x) { return (x in sev) ? sev[x] : x } function K(x) { return (x in k) ? k[x] : x }
           { w = ($7 != "") ? waived : ""; printf "  + [%s] %s %s %s: %s%s\n", S($3), $4, K($5), $6, $8, w }'
    [ "$new_total" -gt "$list_max" ] && printf "  $(L '… ほか %s 件 (report.txt を見てください)' '… %s more (see report.txt)')\n" $((new_total - list_max))
  fi
  if [ "$fixed" -gt 0 ]; then
    printf '\n%s\n' "$(L '解消した指摘:' 'fixed findings:')"
    grep '^X	' "$x" | head -n "$list_max" |
      awk -F '	' -v en="$([ "$lang" = en ] && echo 1)" -v waived="$(L ' (免除)' ' (waived)')" 'BEGIN {
             if (!en) { sev["error"] = "エラー"; sev["warning"] = "警告"; sev["note"] = "注記";
             k["facility"] = "事業所"; k["user"] = "利用者"; k["patient"] = "患者"; k["group"] = "グループ";
             k["member"] = "メンバー"; k["post"] = "投稿"; k["device"] = "機器"; k["incident"] = "インシデント"; k["document"] = "書類" } }
           function S(x) { return (x in sev) ? sev[x] : x } function K(x) { return (x in k) ? k[x] : x }
           { printf "  - [%s] %s %s %s\n", S($2), $3, K($4), $5 }'
    [ "$fixed" -gt "$list_max" ] && printf "  $(L '… ほか %s 件' '… %s more')\n" $((fixed - list_max))
  fi
  # 手動で確認する条項: 確認記録があれば、期限切れ・期限間近・未確認を一覧に
  m_attested=$(summary_value /manual_clauses/summary/attested)
  if [ -n "$m_attested" ]; then
    m_expiring=$(summary_value /manual_clauses/summary/expiring)
    m_expired=$(summary_value /manual_clauses/summary/expired)
    m_missing=$(summary_value /manual_clauses/summary/missing)
    if [ -z "${RURUME_ATTESTATIONS:-}" ]; then
      printf "\n$(L '手動で確認する条項: 確認記録がありません (RURUME_ATTESTATIONS で渡せます)' 'manual clauses: no attestations (set RURUME_ATTESTATIONS)')\n"
    else
      printf "\n$(L '手動で確認する条項: 確認済み %s、期限間近 %s、期限切れ %s、未確認 %s' 'manual clauses: %s attested, %s expiring, %s expired, %s missing')\n" \
        "$m_attested" "$m_expiring" "$m_expired" "$m_missing"
      grep '^M	\(expired\|expiring\|missing\)	' "$x" | head -n "$list_max" |
        awk -F '	' -v en="$([ "$lang" = en ] && echo 1)" 'BEGIN {
               if (en) { st["expired"] = "expired"; st["expiring"] = "expiring"; st["missing"] = "missing"; net = "the network"; until = "until " }
               else { st["expired"] = "期限切れ"; st["expiring"] = "期限間近"; st["missing"] = "未確認"; net = "ネットワーク全体"; until = "期限 " } }
             { printf "  ! [%s] %s %s%s\n", st[$2], $3, ($4 == "" ? net : $4), ($5 == "" ? "" : " (" until $5 ")") }'
      m_open=$((m_expiring + m_expired + m_missing))
      [ "$m_open" -gt "$list_max" ] && printf "  $(L '… ほか %s 件 (report.txt を見てください)' '… %s more (see report.txt)')\n" $((m_open - list_max))
    fi
  fi
  printf "\n$(L 'レポート: %s/%s/report.html' 'report: %s/%s/report.html')\n" "$report_dir" "$day"
} >"$tmp/summary.txt"
rm -f "$x"

# --- できあがったレポートを置き、latest.json を更新する ------------------------

dest=$report_dir/$day
move_into_place "$tmp" "$dest" || die "$(L "レポートを $dest に置けません" "cannot put the report in $dest")"

# latest.json も「別名で書いてから名前を変える」: 途中で止まっても壊れない
if ! cp "$dest/report.json" "$report_dir/.latest.json.$$" ||
   ! mv -f "$report_dir/.latest.json.$$" "$latest"; then
  rm -f "$report_dir/.latest.json.$$"
  die "$(L "latest.json を更新できません (レポートは $dest にあります)" "cannot update latest.json (the report is in $dest)")"
fi

finish "$status" "$dest"
