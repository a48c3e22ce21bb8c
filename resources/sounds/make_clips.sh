#!/usr/bin/env bash
# Rebuild the announcement clips of the waiting-room display (dev-time only; the clips are committed).
#
# Why generated: a recorded human voice is better, and can replace any clip later under the same file name
# (mono WAV, 16 kHz, 16-bit); until then espeak-ng's Vietnamese voice gives every word the display needs,
# offline. Needs espeak-ng and sox (apt-get install espeak-ng sox). Output of espeak-ng is not covered by its
# GPL licence; the clips are free to ship.
#
# Usage: resources/sounds/make_clips.sh   (writes into resources/sounds/vi)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/vi"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say() {  # say FILE TEXT: speak, trim the silence at both ends, 16 kHz mono, a short pad after
  espeak-ng -v vi -s 135 -a 180 -w "$tmp/raw.wav" "$2"
  sox "$tmp/raw.wav" -r 16000 -c 1 -b 16 "$out/$1.wav" \
    silence 1 0.01 0.5% reverse silence 1 0.01 0.5% reverse norm -1 pad 0 0.06
}

say moi_so "Mời số"
say den_quay "đến quầy"
# Digits, read one by one in ticket numbers ("A không một hai"), and the words of counter numbers up to 99.
words=(khong mot hai ba bon nam sau bay tam chin)
texts=("không" "một" "hai" "ba" "bốn" "năm" "sáu" "bảy" "tám" "chín")
for i in "${!words[@]}"; do say "digit_$i" "${texts[$i]}"; done
say muoi "mười"     # 10–19
say muoi_tens "mươi" # 20, 30 …
say mot_tens "mốt"   # 21, 31 …
say lam "lăm"        # 15, 25 …
say tu "tư"          # 24, 34 …
# Letters by their Vietnamese names, as clerks read them.
declare -A letters=([A]="a" [B]="bê" [C]="xê" [D]="dê" [E]="e" [F]="ép" [G]="giê" [H]="hát" [I]="i"
  [J]="gi" [K]="ca" [L]="e lờ" [M]="em mờ" [N]="en nờ" [O]="o" [P]="pê" [Q]="quy" [R]="e rờ"
  [S]="ét xì" [T]="tê" [U]="u" [V]="vê" [W]="vê kép" [X]="ích xì" [Y]="i dài" [Z]="dét")
for l in "${!letters[@]}"; do say "letter_${l,,}" "${letters[$l]}"; done

# The chime: a soft two-tone "ding-dong" before each call.
sox -n -r 16000 -c 1 -b 16 "$tmp/ding.wav" synth 0.45 sine 880 sine 1760 remix 1,2 fade q 0.01 0.45 0.35 vol 0.5
sox -n -r 16000 -c 1 -b 16 "$tmp/dong.wav" synth 0.6 sine 660 sine 1320 remix 1,2 fade q 0.01 0.6 0.5 vol 0.5
sox "$tmp/ding.wav" "$tmp/dong.wav" "$out/chime.wav" norm -3 pad 0 0.15
du -ch "$out"/*.wav | tail -1
