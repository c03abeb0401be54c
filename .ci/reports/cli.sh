#!/usr/bin/env bash
# The AWS CLI (Debian's /usr/bin/aws) as a report consumer: `aws s3 ls --recursive` of the
# destination lists every key the deliveries wrote, `aws s3 cp --recursive` downloads each
# delivery whole into DL (mirroring the bucket's keys), and every data file's MD5 is the
# manifest's MD5checksum. One "ok ..." or "FAIL ..." line per check.
#
# usage: cli.sh ENDPOINT DELIVERIES-DIR DL-DIR   (DELIVERIES-DIR holds ID.json answers)
set -uo pipefail
endpoint=$1 deliveries=$2 dl=$3
ok() { echo "ok   cli $*"; }
bad() { echo "FAIL cli $*"; }

cfg=$(mktemp)
trap 'rm -f "$cfg" "$cfg".*' EXIT
printf '[default]\nregion = us-east-1\n' >"$cfg"
aws() {
	AWS_ACCESS_KEY_ID=AKIDEXAMPLE AWS_SECRET_ACCESS_KEY=secret AWS_CONFIG_FILE="$cfg" \
		AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_MAX_ATTEMPTS=1 AWS_PAGER= \
		/usr/bin/aws --endpoint-url "$endpoint" "$@"
}

# ls prints "date time size key"; the key is the rest of the line after the third field.
jq -r '.keys[]' "$deliveries"/*.json | sort >"$cfg.want"
if aws s3 ls --recursive s3://reports/inv/ >"$cfg.ls" 2>&1; then
	sed -E 's/^[^ ]+ +[^ ]+ +[0-9]+ //' "$cfg.ls" | sort >"$cfg.got"
	if cmp -s "$cfg.want" "$cfg.got"; then
		ok "s3 ls --recursive s3://reports/inv/: the $(wc -l <"$cfg.want") delivered keys"
	else
		bad "s3 ls --recursive: keys differ from the deliveries': $(diff "$cfg.want" "$cfg.got" | head -5)"
	fi
else
	bad "s3 ls --recursive: $(cat "$cfg.ls")"
fi

for answer in "$deliveries"/*.json; do
	id=$(jq -r .id "$answer")
	prefix=inv/src/$id/
	if ! aws s3 cp --recursive --only-show-errors "s3://reports/$prefix" "$dl/$prefix" >"$cfg.cp" 2>&1; then
		bad "s3 cp --recursive s3://reports/$prefix: $(cat "$cfg.cp")"
		continue
	fi
	jq -r '.keys[]' "$answer" | sort >"$cfg.want"
	(cd "$dl" && find "$prefix" -type f | sort) >"$cfg.got"
	if cmp -s "$cfg.want" "$cfg.got"; then
		ok "s3 cp --recursive s3://reports/$prefix: the delivery's $(wc -l <"$cfg.want") keys"
	else
		bad "s3 cp --recursive $prefix: files differ from the delivery's keys: $(diff "$cfg.want" "$cfg.got" | head -5)"
	fi
	manifest=$dl/$(jq -r .manifestKey "$answer")
	if [ ! -s "$manifest" ]; then
		bad "$id: no manifest.json downloaded"
		continue
	fi
	files=$(jq '.files | length' "$manifest")
	# md5sum -c reads "HASH  PATH" lines, PATH relative to the download dir.
	if out=$(cd "$dl" && jq -r '.files[] | "\(.MD5checksum)  \(.key)"' "$manifest" | md5sum --quiet -c 2>&1) &&
		[ "$files" -gt 0 ] && [ "$files" = "$(jq .files "$answer")" ]; then
		ok "$id: md5sum of the $files downloaded data files = the manifest's MD5checksum"
	else
		bad "$id: MD5 of the downloaded data files ($files in the manifest, $(jq .files "$answer") delivered): $out"
	fi
done
