#!/usr/bin/env python3
"""Load client for `vestis serve` (benchmarks/shop-load.sh runs it): N sellers upload real product photos at once
through the JSON API while a manager accepts tags from the review queue. Standard library only.

Writes a JSON summary of what the clients sent and saw (per upload: seller, file, sha256, status, photo id, request
seconds), the manager's accepted tags and the server's resident memory (sampled from /proc/PID/status).
"""
import argparse
import hashlib
import http.cookiejar
import json
import os
import statistics
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid


class Client:
    """One user's browser: its own cookie jar, the API login and the session's CSRF token."""

    def __init__(self, base):
        self.base = base.rstrip('/')
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.csrf = None

    def call(self, method, path, body=None, content_type=None, timeout=120):
        req = urllib.request.Request(self.base + path, data=body, method=method)
        req.add_header('Accept', 'application/json')
        if content_type:
            req.add_header('Content-Type', content_type)
        if self.csrf and method not in ('GET', 'HEAD'):
            req.add_header('X-CSRF-Token', self.csrf)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return r.status, json.loads(r.read() or b'null')
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                return e.code, json.loads(raw)
            except ValueError:
                return e.code, {'error': raw[:200].decode('utf-8', 'replace')}

    def json(self, method, path, obj):
        return self.call(method, path, json.dumps(obj).encode(), 'application/json')

    def login(self, name, password):
        status, body = self.json('POST', '/api/session', {'name': name, 'password': password})
        if status != 200:
            raise SystemExit(f'login of {name} failed: {status} {body}')
        self.csrf = body['csrfToken']

    def upload(self, batch, name, data):
        boundary = 'vestis' + uuid.uuid4().hex
        body = (f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="{name}"\r\n'
                f'Content-Type: image/jpeg\r\n\r\n').encode() + data + f'\r\n--{boundary}--\r\n'.encode()
        return self.call('POST', f'/api/batches/{batch}/photos', body, f'multipart/form-data; boundary={boundary}')


def photos(folder, n):
    """n distinct photos (by content) from folder/validation then folder/train, in a fixed order."""
    seen, out = set(), []
    for part in ('validation', 'train'):
        root = os.path.join(folder, part)
        if not os.path.isdir(root):
            continue
        for cls in sorted(os.listdir(root)):
            for f in sorted(os.listdir(os.path.join(root, cls))):
                if not f.endswith('.jpg'):
                    continue
                path = os.path.join(root, cls, f)
                data = open(path, 'rb').read()
                sha = hashlib.sha256(data).hexdigest()
                if sha not in seen:
                    seen.add(sha)
                    out.append((f'{cls}-{f}', data, sha))
    # Spread the classes over the sellers: take every k-th photo of the sorted list.
    if len(out) < n:
        raise SystemExit(f'only {len(out)} distinct photos under {folder}; {n} wanted')
    step = len(out) / n
    return [out[int(i * step)] for i in range(n)]


def rss_kib(pid):
    try:
        with open(f'/proc/{pid}/status') as f:
            fields = dict(line.split(':', 1) for line in f if ':' in line)
        return int(fields['VmRSS'].split()[0]), int(fields['VmHWM'].split()[0])
    except (OSError, KeyError, ValueError):
        return None, None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--base', required=True)
    ap.add_argument('--sellers', type=int, default=20)
    ap.add_argument('--photos', type=int, default=500)
    ap.add_argument('--photo-dir', required=True)
    ap.add_argument('--password', required=True)
    ap.add_argument('--server-pid', type=int)
    ap.add_argument('--out', required=True)
    ap.add_argument('--timeout', type=float, default=1800, help='seconds until the run gives up waiting')
    a = ap.parse_args()

    work = photos(a.photo_dir, a.photos)
    uploads = []  # one dict per upload request
    lock = threading.Lock()
    start = time.time()
    done_uploading = threading.Event()

    def seller(k):
        c = Client(a.base)
        c.login(f'seller{k:02d}', a.password)
        status, body = c.json('POST', '/api/batches', {})
        batch = body['batchId']
        for i in range(k - 1, len(work), a.sellers):
            name, data, sha = work[i]
            t0 = time.time()
            try:
                status, body = c.upload(batch, name, data)
                photo = body['results'][0].get('photoId') if status in (200, 201) else None
                outcome = body['results'][0]['outcome'] if 'results' in body else body.get('error')
            except Exception as e:  # noqa: BLE001 - a lost upload is what we count
                status, photo, outcome = -1, None, repr(e)
            with lock:
                uploads.append({'seller': f'seller{k:02d}', 'file': name, 'sha256': sha, 'status': status,
                                'photoId': photo, 'outcome': outcome, 'sent': t0, 'seconds': time.time() - t0})

    accepted, rejected = [], []
    rss = []

    def manager():
        c = Client(a.base)
        c.login('manager', a.password)
        while time.time() - start < a.timeout:
            status, body = c.call('GET', '/api/review/queue?limit=100')
            queue = body.get('queue', []) if status == 200 else []
            for item in queue:
                tag = item['tag']['id']
                s, _ = c.json('POST', f'/api/tags/{tag}/accept', {})
                (accepted if s == 200 else rejected).append(tag)
            _, health = c.call('GET', '/health')
            if done_uploading.is_set() and not queue and health.get('queued') == 0:
                # One more look: tags saved after the last queue read.
                status, body = c.call('GET', '/api/review/queue?limit=100')
                if not body.get('queue'):
                    return
            if not queue:
                time.sleep(0.2)

    def sampler():
        while not stop_sampling.is_set():
            cur, peak = rss_kib(a.server_pid)
            if cur:
                rss.append((time.time() - start, cur, peak))
            stop_sampling.wait(1.0)

    stop_sampling = threading.Event()
    threads = [threading.Thread(target=seller, args=(k + 1,)) for k in range(a.sellers)]
    mgr = threading.Thread(target=manager)
    smp = threading.Thread(target=sampler, daemon=True)
    if a.server_pid:
        smp.start()
    mgr.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    uploads_done = time.time()
    done_uploading.set()
    mgr.join()
    end = time.time()
    stop_sampling.set()

    secs = sorted(u['seconds'] for u in uploads if u['status'] in (200, 201))
    summary = {
        'sellers': a.sellers, 'photos_sent': len(work), 'uploads': uploads,
        'acknowledged': sum(1 for u in uploads if u['status'] == 201),
        'duplicate_answers': sum(1 for u in uploads if u['status'] == 200),
        'failed_requests': [u for u in uploads if u['status'] not in (200, 201)],
        'upload_request_median_s': statistics.median(secs) if secs else None,
        'upload_request_p95_s': secs[int(0.95 * (len(secs) - 1))] if secs else None,
        'uploads_seconds': uploads_done - start, 'run_seconds': end - start,
        'accepted': len(accepted), 'accept_refused': len(rejected),
        'rss_max_kib': max((r[1] for r in rss), default=None), 'rss_peak_hwm_kib': max((r[2] for r in rss), default=None),
        'rss_samples': rss,
    }
    with open(a.out, 'w') as f:
        json.dump(summary, f, indent=1)
    print(f"sent {len(work)}, acknowledged {summary['acknowledged']}, failed {len(summary['failed_requests'])}, "
          f"accepted {len(accepted)}, {end - start:.1f} s", file=sys.stderr)


def report(a):
    """After the server stopped: reads the database with H2's shell, compares it with what the clients sent, and
    prints the numbers (JSON) and a RESULTS.md section (markdown)."""
    import csv
    import subprocess
    summary = json.load(open(a.summary))
    query = ("SELECT p.id, u.name AS seller, p.sha256, p.status, "
             "DATEDIFF('MILLISECOND', p.uploaded_at, p.tagged_at) AS ms, "
             "EXTRACT(EPOCH FROM p.uploaded_at) AS up, EXTRACT(EPOCH FROM p.tagged_at) AS tg, "
             "(SELECT COUNT(*) FROM tags t WHERE t.photo_id = p.id) AS tags, "
             "(SELECT COUNT(*) FROM tags t WHERE t.photo_id = p.id AND t.verified_label IS NOT NULL) AS reviewed "
             "FROM photos p JOIN users u ON u.id = p.seller_id")
    out = os.path.join(os.path.dirname(os.path.abspath(a.summary)), 'photos.csv')
    sql = "CALL CSVWRITE('%s', '%s')" % (out, query.replace("'", "''"))
    subprocess.run(['java', '-cp', a.h2_jar, 'org.h2.tools.Shell', '-url', 'jdbc:h2:file:' + a.db, '-user', '',
                    '-password', '', '-sql', sql], check=True, stdout=subprocess.DEVNULL)
    rows = list(csv.DictReader(open(out)))
    acked = {(u['seller'], u['sha256']) for u in summary['uploads'] if u['status'] == 201}
    sent = {(u['seller'], u['sha256']) for u in summary['uploads']}
    stored = [(r['SELLER'], r['SHA256']) for r in rows]
    lost = sorted(acked - set(stored))
    dup = len(stored) - len(set(stored))
    unexpected = sorted(set(stored) - sent)
    tagged = [r for r in rows if r['STATUS'] == 'tagged']
    lat = sorted(int(r['MS']) / 1000 for r in tagged)
    first_up = min(float(r['UP']) for r in rows)
    last_tag = max(float(r['TG']) for r in tagged)
    pct = lambda xs, q: xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
    # One worker tags one photo at a time: the gap between consecutive tags, while later photos were already
    # waiting, is the time to tag one photo (read the file, classify, save the tag).
    times = sorted((float(r['TG']), float(r['UP'])) for r in tagged)
    gaps = sorted(b[0] - a[0] for a, b in zip(times, times[1:]) if b[1] <= a[0])
    res = {
        'sent': len(summary['uploads']), 'acknowledged': len(acked), 'stored': len(stored), 'lost': len(lost),
        'duplicated': dup, 'unexpected': len(unexpected), 'failed_requests': len(summary['failed_requests']),
        'tagged': len(tagged), 'not_tagged': len(rows) - len(tagged),
        'photos_with_tag_count_not_1': sum(1 for r in rows if int(r['TAGS']) != 1),
        'reviewed_photos': sum(1 for r in rows if int(r['REVIEWED']) >= 1), 'accepted_by_manager': summary['accepted'],
        'latency_median_s': statistics.median(lat), 'latency_p95_s': pct(lat, 0.95), 'latency_max_s': lat[-1],
        'photos_per_s': len(tagged) / (last_tag - first_up),
        'tag_one_median_s': statistics.median(gaps) if gaps else float('nan'),
        'tag_one_p95_s': pct(gaps, 0.95) if gaps else float('nan'), 'span_s': last_tag - first_up,
        'upload_request_median_s': summary['upload_request_median_s'], 'upload_request_p95_s': summary['upload_request_p95_s'],
        'uploads_seconds': summary['uploads_seconds'],
        'rss_max_mib': (summary['rss_max_kib'] or 0) / 1024, 'rss_hwm_mib': (summary['rss_peak_hwm_kib'] or 0) / 1024,
    }
    print(json.dumps(res, indent=1))
    ok = res['lost'] == 0 and res['duplicated'] == 0 and res['unexpected'] == 0 and res['not_tagged'] == 0 \
        and res['photos_with_tag_count_not_1'] == 0 and res['acknowledged'] == res['sent']
    with open(a.markdown, 'w') as f:
        f.write(f"| measurement | value |\n| --- | ---: |\n")
        for k, label in [('sent', 'uploads sent by the clients'), ('acknowledged', 'acknowledged (201)'),
                         ('stored', 'photo rows in the database'), ('lost', 'acknowledged but missing'),
                         ('duplicated', 'duplicated rows'), ('failed_requests', 'failed upload requests'),
                         ('tagged', 'tagged'), ('photos_with_tag_count_not_1', 'photos without exactly one tag'),
                         ('reviewed_photos', 'reviewed (accepted) during the run')]:
            f.write(f"| {label} | {res[k]} |\n")
        for k, label in [('latency_median_s', 'upload to tagged, median (s)'), ('latency_p95_s', 'upload to tagged, p95 (s)'),
                         ('latency_max_s', 'upload to tagged, max (s)'), ('photos_per_s', 'photos tagged per second (first upload to last tag)'),
                         ('tag_one_median_s', 'tagging one photo, median (s)'), ('tag_one_p95_s', 'tagging one photo, p95 (s)'),
                         ('uploads_seconds', 'all 20 sellers done uploading after (s)'),
                         ('upload_request_median_s', 'upload request, median (s)'), ('upload_request_p95_s', 'upload request, p95 (s)'),
                         ('rss_max_mib', 'server RSS, max sampled (MiB)'), ('rss_hwm_mib', 'server RSS, peak VmHWM (MiB)')]:
            f.write(f"| {label} | {res[k]:.2f} |\n")
    return 0 if ok else 1


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == 'report':
        rp = argparse.ArgumentParser()
        rp.add_argument('cmd')
        rp.add_argument('--summary', required=True)
        rp.add_argument('--db', required=True, help='the H2 database file without .mv.db')
        rp.add_argument('--h2-jar', required=True)
        rp.add_argument('--markdown', required=True)
        sys.exit(report(rp.parse_args()))
    main()
