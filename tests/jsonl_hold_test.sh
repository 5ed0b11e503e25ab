#!/usr/bin/env bash
# jsonl_hold_test.sh QINGGAO: a JSON Lines record longer than the reader holds in memory
# (QINGGAO_JSONL_HOLD, default 1 MiB; session 28, issue 9) is spooled to a temporary file and
# run from it in bounded memory (cli/jsonl.c run_big), or, when the line is bad or odd, run
# whole as before. Either way every output, message and report is the one the held line gives:
# each input here is run with every line held (a hold of 99999999999 bytes, as before session
# 28), with the default, and with the hold forced small (1 byte, 40 bytes: every line spooled
# but blank ones, at -j 2 in chunks), and all must be byte-identical. big.jsonl has a record of
# 1.2 MB and one of 1.1 MB, past the default hold. Every record is made up here.
set -u
QG=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
T=$(mktemp -d)
trap "${KEEP:+:} rm -rf $T" EXIT
. "$(dirname "$0")/testlib.sh"

# l.jsonl: good lines, each kind of bad line, and the odd ones one_line has messages for
python3 - "$T/l.jsonl" "$T/big.jsonl" <<'PYEOF'
import json, sys
lines = [
  '\ufeff{"id":1,"text":"今天天气很好,我们去公园."}',
  '{"id":2,"text":"转义：\\"引号\\"、\\\\、\\/、\\b\\f\\r\\t换行\\n\\n第二段\\u4e2d\\u6587."}',
  '{"id":"三","text":"表情\\ud83d\\ude00成对，全角\\u3000空格."}',
  '{"id":4,"text":"只有一半\\ud83d的表情."}',
  '{"id":5,"text":"后一半\\ude00在这里.","meta":"\\udbff"}',
  '{"id":6,"text":"重复的键.","text":"又一个."}',
  '{"id":7,"meta":{"a":1,"a":2},"text":"嵌套的重复键."}',
  '{"id":8,"text":123}',
  '{"id":9,"text":null}',
  '{"id":10,"body":"没有文字字段."}',
  '[1,2,3]',
  '"只是一个字符串"',
  '123456789',
  '{"id":11,"text":"数字们.","n":[18446744073709551615,1e400,-0,0.1,1E2,-1.5e-3]}',
  '{"id":12,"text":"坏数字.","n":01}',
  '{"id":13,"text":"坏数字.","n":1.}',
  '{"id":14,"text":"后面有多余的."} x',
  '  {"id":15 , "text" :\t"空白很多." }  \t',
  '{"id":16,"text":"行中\r有回车."}',
  '{"id":17,"text":"行尾有回车."}\r',
  '\ufeff{"id":18,"text":"第二行的字节顺序标记."}',
  '{"id":19,"text":"坏的\udcff字节."}',
  '{"id":20,"text":"控制\x01字符."}',
  '{"qinggao":{"changes":9},"id":21,"text":"统计字段在前面."}',
  '{"id":22,"text":"统计字段在后面.","qinggao":[1,{"x":2}]}',
  '{"id":23,"meta":{"qinggao":1},"text":"统计字段在里面."}',
  '{"id":24,"\\u0074ext":"键有转义."}',
  '{"id":25,"text":"原样的\u2028行分隔\u2029段分隔.","other":"这里\u2028也有"}',
  '{"id":26,"text":"转义的\\u2028行分隔."}',
  '{"id":"","text":"空的编号."}',
  '{"id":"a\\u0001b","text":"编号有控制字符."}',
  '{"id":{"x":1},"text":"编号是对象."}',
  '{"id":[1],"text":"编号是数组."}',
  '{"id":true,"text":"编号是布尔."}',
  '{"id":null,"text":"编号是空."}',
  '{"id":"' + "长" * 400 + '","text":"编号太长."}',
  '{"id":' + "9" * 300 + ',"text":"编号是很长的数."}',
  '{"text":"没有编号."}',
  '{"id":27,"text":""}',
  '{"id":28,"text":"   \\n\\n  "}',
  '{"id":29,"text":"文字里有\\u0000零字符."}',
  '{"id":30,"a\\u0000b":1,"text":"键里有零字符."}',
  '{"id":31,"x":tru,"text":"坏的字."}',
  '{"id":32,"x":truex,"text":"坏的字."}',
  '{"id":33,"x":[true,false,null,[],{},[[[[1]]]]],"text":"各种值."}',
  '{"id":34,"x":' + "[" * 100 + "]" * 100 + ',"text":"深的数组."}',
  '{"id":35,"x":' + "[" * 3000 + "]" * 3000 + ',"text":"太深的数组."}',
  '{}',
  '{"id":36,"text":"没有结束"',
  '{"id":37,"text":"坏的转义\\x."}',
  '{"id":38,"text":"坏的\\u12G4."}',
  '{"id":39 "text":"缺逗号."}',
  '{"id":40,"text":"尾逗号.",}',
  '    ',
  '',
  '\t',
  '{"id":41,"text":"这一段重复了。\\n\\n这一段重复了。"}',
  '{"id":42,"text":"这一段重复了。"}',
  '{"id":43,"text":"过长\udcc0\udcaf的编码."}',
  '{"id":44,"text":"代理\udced\udca0\udc80编码."}',
  '{"id":45,"text":"四字节\U00020000汉字."}',
  '{"id":46,"text":"最后一条,没有换行."}',
]
with open(sys.argv[1], "wb") as f:
    f.write("\n".join(lines).encode("utf-8", "surrogateescape"))
# big.jsonl: short records around two of 1.2 and 1.1 MB (escapes, pairs, U+2028, repeats; the second written in \u escapes)
para = "社区居民说,今天的服务窗口\"很方便\"\u2028办事的人不多.\\第{}段😀\t完。"
with open(sys.argv[2], "w") as f:
    for i in range(30):
        if i in (7, 20):
            text = "\n\n".join(para.format(k) for k in range(12000 if i == 7 else 6000)) + "\n\n" + para.format(3)
        else:
            text = para.format(i)
        f.write(json.dumps({"id": i, "text": text, "n": "@N@" if i == 7 else i},
                           ensure_ascii=(i == 20)).replace('"@N@"', "1e400") + "\n")
PYEOF
perl -e 'print "\x{ff}"' >/dev/null 2>&1
gzip -c "$T/l.jsonl" >"$T/g.jsonl.gz"
have_zstd=0; command -v zstd >/dev/null && zstd -q -c "$T/l.jsonl" >"$T/z.jsonl.zst" && have_zstd=1

run() { # name hold command...: stdout, stderr and exit status into $T/name.hold.*
  local name=$1 hold=$2; shift 2
  local h=$hold; [ "$h" = all ] && h=99999999999 # every line held, as before session 28
  (cd "$T" && if [ "$hold" = d ]; then "$@"; else QINGGAO_JSONL_HOLD=$h "$@"; fi) \
    >"$T/$name.$hold.out" 2>"$T/$name.$hold.err"
  echo $? >"$T/$name.$hold.rc"
  sed -i -E 's/; [0-9.]+ s, [0-9.]+ MB\/s$//' "$T/$name.$hold.err"
}
compare() { # name hold [files…]: the run with the hold given against every line held
  local name=$1 hold=$2; shift 2
  for x in out err rc "$@"; do
    if cmp -s "$T/$name.all.$x" "$T/$name.$hold.$x"; then ok; else
      bad "$name, hold $hold: $x differs"; diff "$T/$name.all.$x" "$T/$name.$hold.$x" | head -6 >&2; fi
  done
}
check() { # name command... (a file NAME.HOLD.rep in $T as --report, named @REP)
  local name=$1; shift
  for hold in all d ${HOLDS:-1 40}; do
    local args=() a
    for a in "$@"; do args+=("${a//@REP/$T/$name.$hold.rep}"); done
    run "$name" "$hold" "${args[@]}"
  done
  local reps=(); [ -f "$T/$name.all.rep" ] && reps=(rep)
  for hold in d ${HOLDS:-1 40}; do compare "$name" $hold "${reps[@]}"; done
}

check clean1 "$QG" clean --jsonl -j 1 --report @REP l.jsonl
check clean2 "$QG" clean --jsonl -j 2 --report @REP l.jsonl
check clean_id "$QG" clean --jsonl -j 1 --id-field id --report @REP l.jsonl
check clean_id2 "$QG" clean --jsonl -j 2 --id-field id l.jsonl
check clean_gz "$QG" clean --jsonl -j 2 g.jsonl.gz
[ $have_zstd = 1 ] && check clean_zst "$QG" clean --jsonl -j 1 z.jsonl.zst
check clean_stdin sh -c "\"$QG\" clean --jsonl -j 1 - <l.jsonl"
check dedup_json "$QG" dedup --jsonl --id-field id l.jsonl
check dedup_text "$QG" dedup --jsonl -f text l.jsonl
# big.jsonl: both long records are past the default hold (1 MiB), every line past 40 bytes
HOLDS=40 check big1 "$QG" clean --jsonl -j 1 --id-field id --report @REP big.jsonl
HOLDS=40 check big2 "$QG" clean --jsonl -j 2 big.jsonl
HOLDS=40 check big_dedup "$QG" dedup --jsonl big.jsonl
contains "$T/big1.all.out" '"id": 20' "big: record 20 written"
[ "$(wc -l <"$T/big1.40.out")" = 30 ] && ok || bad "big: $(wc -l <"$T/big1.40.out") lines"
for hold in all 1 40; do # archive add: the records stored are the same
  h=$hold; [ $h = all ] && h=99999999999
  (cd "$T" && rm -f "a$hold.db" && QINGGAO_JSONL_HOLD=$h "$QG" archive add -q --archive "a$hold.db" --jsonl l.jsonl) >"$T/arch.$hold.out" 2>"$T/arch.$hold.err"
  echo $? >"$T/arch.$hold.rc"
  (cd "$T" && "$QG" dedup --archive "a$hold.db" --jsonl l.jsonl) 2>&1 |
    sed -E 's/; [0-9.]+ s, [0-9.]+ MB\/s$//' >"$T/arch.$hold.dup"
done
compare arch 1 dup
compare arch 40 dup
finish jsonl_hold
