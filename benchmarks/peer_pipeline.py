#!/usr/bin/env python3
"""Python OpenCV peer of org.vestis.bench.PipelineBenchmark: the same video pipeline, the same 640x480 file.

Debian's python3-opencv (cv2 4.6) and python3-torch (2 threads); run with /usr/bin/python3. Per frame: cv2 decode
(on a capture thread, like our pipeline's), a detector, a greedy IoU tracker, gray crops preprocessed the
Fashion-MNIST way, ONE batched forward pass through a PyTorch module with our fashion-cnn topology (random
weights: this measures speed, not labels), top-N smoothing with numpy, a JSONL timeline and a per-track CSV (and,
for person-annotated, an annotated video through cv2.VideoWriter). Detectors, thresholds and parameters copy
src/main/java/org/vestis/video/detect/*. Prints `RESULT <name> <frames per second>` with the Java names ("n/a" when
this OpenCV cannot run a detector) and "# " lines with the per-frame time split.

    /usr/bin/python3 benchmarks/peer_pipeline.py --input FILE [--frames N] [--out DIR] [--models DIR] [--detectors a,b]
"""
import argparse
import csv
import json
import math
import os
import queue
import sys
import threading
import time

import cv2
import numpy as np
import torch

import peer_blas  # beside this file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
# The same topology as Architecture.FASHION_CNN; one thread for small inference calls, as ours.
from peer_torch import fashion_cnn, inference_threads  # noqa: E402


DETECTORS = ["full-frame", "center", "person", "face-torso", "hog", "motion"]
LABELS = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
# PipelineSettings as configs/fashion-mnist.yaml had them until 2026-12-06: min-score unset (each detector's own
# threshold, person 0.5), top-n 5, the greedy IoU tracker (tracker-iou 0.3, confirm-hits 3, max-misses 10), queue 4.
# Vestis now tracks with its byte tracker (Kalman filter, two-stage matching, clothing colours; person at 0.6 with
# weak detections from 0.1): more work per frame than this peer's tracker does.
TOP_N, TRACKER_IOU, CONFIRM_HITS, MAX_MISSES, QUEUE = 5, 0.3, 3, 10, 4
WARMUP_FRAMES = 50


def clip_box(b, w, h):
    x, y, bw, bh = b
    nx, ny = max(0.0, x), max(0.0, y)
    nr, nb = min(w, x + bw), min(h, y + bh)
    return (nx, ny, max(0.0, nr - nx), max(0.0, nb - ny))


def usable(b):
    return b[2] >= 1 and b[3] >= 1


def shrink(frame, max_width):
    """ScaledFrame.ofMaxWidth: (small image, scale)."""
    h, w = frame.shape[:2]
    if w <= max_width:
        return frame, 1.0
    s = max_width / w
    return cv2.resize(frame, (max_width, max(1, round(h * s))), interpolation=cv2.INTER_AREA), s


def to_frame(x, y, bw, bh, scale, w, h):
    return clip_box((x / scale, y / scale, bw / scale, bh / scale), w, h)


class FullFrame:
    def detect(self, f):
        h, w = f.shape[:2]
        return [((0.0, 0.0, float(w), float(h)), 1.0)]


class Center:
    def __init__(self, fraction=0.6):
        self.fraction = fraction

    def detect(self, f):
        h, w = f.shape[:2]
        bw, bh = w * self.fraction, h * self.fraction
        return [(((w - bw) / 2, (h - bh) / 2, bw, bh), 1.0)]


class Person:
    """YoloPersonDetector: YOLO-Fastest 1.1 body, 320x320, scale 1/255, swapRB, confidence 0.5, NMS 0.45."""

    def __init__(self, models, confidence=0.5):
        d = os.path.join(models, "yolo-fastest-1.1_body")
        self.net = cv2.dnn.readNetFromDarknet(os.path.join(d, "yolo-fastest-1.1_body.cfg"),
                                              os.path.join(d, "yolo-fastest-1.1_body.weights"))
        self.names = self.net.getUnconnectedOutLayersNames()
        self.confidence = confidence

    def detect(self, f):
        h, w = f.shape[:2]
        self.net.setInput(cv2.dnn.blobFromImage(f, 1 / 255.0, (320, 320), 0, swapRB=True, crop=False))
        boxes, scores = [], []
        for out in self.net.forward(self.names):
            for row in out[out[:, 5] >= self.confidence]:
                bw, bh = row[2] * w, row[3] * h
                b = clip_box((row[0] * w - bw / 2, row[1] * h - bh / 2, bw, bh), w, h)
                if usable(b):
                    boxes.append(b)
                    scores.append(float(row[5]))
        if not boxes:
            return []
        rects = [[round(b[0]), round(b[1]), round(b[2]), round(b[3])] for b in boxes]
        kept = np.array(cv2.dnn.NMSBoxes(rects, scores, self.confidence, 0.45)).flatten()
        return [(boxes[i], min(1.0, scores[i])) for i in kept]


class FaceTorso:
    """FaceTorsoDetector: YuNet at most 640 wide, score 0.6, NMS 0.3, top 5000; the torso below each face."""

    def __init__(self, models, confidence=0.6):
        self.yunet = cv2.FaceDetectorYN.create(os.path.join(models, "face_detection_yunet_2023mar.onnx"), "", (320, 320),
                                               confidence, 0.3, 5000)
        self.size = None
        self.detect(np.zeros((480, 640, 3), np.uint8))  # cv2 4.6 fails here on the 2023 model, not at create()

    def detect(self, f):
        h, w = f.shape[:2]
        small, s = shrink(f, 640)
        size = (small.shape[1], small.shape[0])
        if size != self.size:
            self.yunet.setInputSize(size)
            self.size = size
        _, faces = self.yunet.detect(small)
        out = []
        for r in (faces if faces is not None else []):
            face = to_frame(r[0], r[1], r[2], r[3], s, w, h)
            if not usable(face):
                continue
            tw = face[2] * 3.0
            torso = clip_box((face[0] + face[2] / 2 - tw / 2, face[1] + face[3], tw, face[3] * 3.5), w, h)
            if torso[3] >= face[3] / 2:
                out.append((torso, max(0.0, min(1.0, float(r[14])))))
        return out


class Hog:
    """HogPeopleDetector: at most 320 wide, 15 % replicated border, stride 8, padding 8, scale 1.05, group 2."""

    def __init__(self, min_score=0.5, max_width=320):
        self.hog = cv2.HOGDescriptor()
        self.hog.setSVMDetector(cv2.HOGDescriptor_getDefaultPeopleDetector())
        self.min_score, self.max_width = min_score, max_width

    def detect(self, f):
        h, w = f.shape[:2]
        small, s = shrink(f, self.max_width)
        top = round(small.shape[0] * 0.15)
        left = top // 2
        framed = cv2.copyMakeBorder(small, top, top, left, left, cv2.BORDER_REPLICATE)
        if framed.shape[1] < 64 or framed.shape[0] < 128:
            return []
        found, weights = self.hog.detectMultiScale(framed, 0, (8, 8), (8, 8), 1.05, 2.0, False)
        out = []
        for (x, y, rw, rh), wt in zip(found, np.array(weights).flatten()):
            score = 1 - math.exp(-max(0.0, float(wt)))
            if score < self.min_score:
                continue
            b = to_frame(x + 0.1 * rw - left, y + 0.07 * rh - top, 0.8 * rw, 0.8 * rh, s, w, h)
            if usable(b):
                out.append((b, score))
        return out


class Motion:
    """MotionDetector: MOG2 (history 500, var 25, shadows) on a 320-wide copy at rate 1/500, open 3, close 9."""

    def __init__(self, min_area=0.01, min_score=0.25):
        self.min_area, self.min_score = min_area, min_score
        self.open_k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (3, 3))
        self.close_k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (9, 9))
        self.bg, self.size = None, None

    def new_model(self):
        self.bg = cv2.createBackgroundSubtractorMOG2(500, 25, True)

    def detect(self, f):
        h, w = f.shape[:2]
        fresh = self.bg is None or self.size != (w, h)
        if fresh:
            self.new_model()
            self.size = (w, h)
        small, s = shrink(f, 320)
        raw = self.bg.apply(small, learningRate=1 / 500)
        if fresh:
            return []
        _, mask = cv2.threshold(raw, 200, 255, cv2.THRESH_BINARY)
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, self.open_k)
        blobs = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, self.close_k)
        work_area = mask.shape[0] * mask.shape[1]
        if cv2.countNonZero(mask) > 0.7 * work_area:
            self.new_model()
            self.bg.apply(small, learningRate=1 / 500)
            return []
        contours, _ = cv2.findContours(blobs, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        out = []
        for c in contours:
            x, y, rw, rh = cv2.boundingRect(c)
            if rw * rh < self.min_area * work_area:
                continue
            score = cv2.countNonZero(mask[y:y + rh, x:x + rw]) / (rw * rh)
            b = to_frame(x, y, rw, rh, s, w, h)
            if score >= self.min_score and usable(b):
                out.append((b, score))
        return out


def make_detector(name, models):
    return {"full-frame": FullFrame, "center": Center, "hog": Hog, "motion": Motion,
            "person": lambda: Person(models), "face-torso": lambda: FaceTorso(models)}[name]()


def iou(a, b):
    ix = max(0.0, min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]))
    iy = max(0.0, min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]))
    inter = ix * iy
    union = a[2] * a[3] + b[2] * b[3] - inter
    return inter / union if union > 0 else 0.0


class IouTracker:
    """Greedy highest-IoU-first matching, confirmation after 3 hits, removal after 10 misses; ids never reused."""

    def __init__(self):
        self.tracks, self.next_id, self.removed = [], 1, []  # track: [id, box, hits, misses]

    def update(self, boxes):
        pairs = sorted(((iou(b, t[1]), d, ti) for d, b in enumerate(boxes) for ti, t in enumerate(self.tracks)
                        if iou(b, t[1]) >= TRACKER_IOU), reverse=True)
        track_of, used = [-1] * len(boxes), [False] * len(self.tracks)
        for _, d, ti in pairs:
            if track_of[d] < 0 and not used[ti]:
                track_of[d], used[ti] = ti, True
        for ti, t in enumerate(self.tracks):
            if not used[ti]:
                t[3] += 1
        out, born = [], []
        for d, b in enumerate(boxes):
            if track_of[d] >= 0:
                t = self.tracks[track_of[d]]
                t[1], t[2], t[3] = b, t[2] + 1, 0
            else:
                t = [self.next_id, b, 1, 0]
                self.next_id += 1
                born.append(t)
            out.append((t[0], t[2] >= CONFIRM_HITS))
        self.removed += [t[0] for t in self.tracks if t[3] > MAX_MISSES]
        self.tracks = [t for t in self.tracks if t[3] <= MAX_MISSES] + born
        return out


def model_input(gray):
    """PhotoPreprocessor for the fashion-mnist-cnn bundle: shrink to at most 4 x 28, dark background (invert a light
    one), crop to content (|g - background| > 40), fit into 28x28 keeping the aspect ratio, scale to [0, 1]."""
    h, w = gray.shape
    s = min(1.0, 112 / max(w, h))
    if s < 1.0:
        gray = cv2.resize(gray, (max(1, int(w * s)), max(1, int(h * s))), interpolation=cv2.INTER_AREA)
    g = gray.astype(np.int16)
    h, w = g.shape
    band = max(1, min(h, w) // 20)
    border = np.ones_like(g, dtype=bool)
    border[band:h - band, band:w - band] = False
    if g[border].mean() > 127:
        g = 255 - g
    background = g[border].mean()
    ys, xs = np.nonzero(np.abs(g - background) > 40)
    if len(ys):
        g = g[ys.min():ys.max() + 1, xs.min():xs.max() + 1]
    h, w = g.shape
    s = min(28 / w, 28 / h)
    sw, sh = max(1, round(w * s)), max(1, round(h * s))
    small = cv2.resize(g.astype(np.uint8), (sw, sh), interpolation=cv2.INTER_AREA)
    out = np.zeros((28, 28), np.float32)
    out[(28 - sh) // 2:(28 - sh) // 2 + sh, (28 - sw) // 2:(28 - sw) // 2 + sw] = small / 255.0
    return out


def quality(score, gray, box, w, h):
    """CropQuality: score x sharpness (Laplacian variance) x size x not cut by the frame edge."""
    sharp = cv2.Laplacian(gray, cv2.CV_64F).var()
    area = box[2] * box[3]
    edge = box[0] <= 2 or box[1] <= 2 or box[0] + box[2] >= w - 2 or box[1] + box[3] >= h - 2
    return score * (sharp / (sharp + 100)) * (area / (area + 64 * 64)) * (0.5 if edge else 1.0)


class Smoother:
    """TopNSmoother: per track the N best (by quality) probability vectors, averaged."""

    def __init__(self):
        self.best = {}

    def update(self, track, q, probs):
        kept = self.best.setdefault(track, [])
        kept.append((q, probs))
        kept.sort(key=lambda k: -k[0])
        del kept[TOP_N:]
        return np.mean([k[1] for k in kept], axis=0)

    def forget(self, track):
        self.best.pop(track, None)


def reader(path, limit, q):
    cap = cv2.VideoCapture(path)
    n = 0
    while n < limit:
        ok, frame = cap.read()
        if not ok:
            break
        q.put((n, cap.get(cv2.CAP_PROP_POS_MSEC) / 1000.0, frame))
        n += 1
    cap.release()
    q.put(None)


def run(path, frames, detector, model, out_dir, stem, video=False):
    """The pipeline over the first `frames` frames; returns (fps, frames, detect ms, classify ms, boxes per frame)."""
    tracker, smoother, rows = IouTracker(), Smoother(), {}
    timeline = open(os.path.join(out_dir, stem + ".timeline.jsonl"), "w")
    writer = None
    q = queue.Queue(QUEUE)
    start = time.perf_counter()
    t = threading.Thread(target=reader, args=(path, frames, q), daemon=True)
    t.start()
    n, det_ms, cls_ms, boxes_seen = 0, 0.0, 0.0, 0
    while True:
        item = q.get()
        if item is None:
            break
        index, ts, frame = item
        h, w = frame.shape[:2]
        t0 = time.perf_counter()
        dets = [(clip_box(b, w, h), s) for b, s in detector.detect(frame)]
        dets = [(b, s) for b, s in dets if b[2] * b[3] >= 1]
        tracked = tracker.update([b for b, _ in dets])
        for tid in tracker.removed:
            smoother.forget(tid)
        tracker.removed = []
        t1 = time.perf_counter()
        lines = []
        if dets:
            grays = [cv2.cvtColor(frame[int(b[1]):int(b[1]) + max(1, int(b[3])), int(b[0]):int(b[0]) + max(1, int(b[2]))],
                                  cv2.COLOR_BGR2GRAY) for b, _ in dets]
            x = torch.from_numpy(np.stack([model_input(g) for g in grays])[:, None])
            inference_threads(x)
            with torch.no_grad():
                probs = torch.softmax(model(x), dim=1).numpy()
            for (b, s), (tid, confirmed), g, p in zip(dets, tracked, grays, probs):
                qual = quality(s, g, b, w, h)
                sm = smoother.update(tid, qual, p)
                top, stop = np.argsort(-p)[:3], np.argsort(-sm)[:3]
                lines.append((tid, confirmed, b, s, qual, top, p, stop, sm))
        t2 = time.perf_counter()
        det_ms += (t1 - t0) * 1e3
        cls_ms += (t2 - t1) * 1e3
        boxes_seen += len(dets)
        for tid, confirmed, b, s, qual, top, p, stop, sm in lines:
            timeline.write(json.dumps({
                "frame": index, "time": round(ts, 3), "track": tid, "confirmed": confirmed,
                "x": round(b[0], 1), "y": round(b[1], 1), "w": round(b[2], 1), "h": round(b[3], 1),
                "score": round(s, 4), "quality": round(qual, 4),
                "label": LABELS[top[0]], "confidence": round(float(p[top[0]]), 4),
                "smoothedLabel": LABELS[stop[0]], "smoothedConfidence": round(float(sm[stop[0]]), 4)}) + "\n")
            r = rows.setdefault(tid, [index, index, ts, ts, 0, False, "", 0.0])
            r[1], r[3], r[4], r[5] = index, ts, r[4] + 1, r[5] or confirmed
            r[6], r[7] = LABELS[stop[0]], float(sm[stop[0]])
        timeline.flush()
        if video:
            if writer is None:
                writer = open_writer(os.path.join(out_dir, stem + ".annotated.mp4"), w, h)
            canvas = frame.copy()
            for tid, confirmed, b, s, qual, top, p, stop, sm in lines:
                colour = (0, 200, 0) if confirmed else (0, 200, 255)
                cv2.rectangle(canvas, (int(b[0]), int(b[1])), (int(b[0] + b[2]), int(b[1] + b[3])), colour, 2)
                cv2.putText(canvas, f"#{tid} {LABELS[stop[0]]} {sm[stop[0]]:.2f}", (int(b[0]) + 3, max(12, int(b[1]) - 4)),
                            cv2.FONT_HERSHEY_SIMPLEX, 0.5, colour, 1, cv2.LINE_AA)
            writer.write(canvas)
        n += 1
    timeline.close()
    if writer is not None:
        writer.release()
    with open(os.path.join(out_dir, stem + ".tracks.csv"), "w", newline="") as f:
        c = csv.writer(f)
        c.writerow(["track", "first_frame", "last_frame", "first_time", "last_time", "frames_seen", "confirmed", "label", "confidence"])
        for tid in sorted(rows):
            r = rows[tid]
            c.writerow([tid, r[0], r[1], f"{r[2]:.3f}", f"{r[3]:.3f}", r[4], str(r[5]).lower(), r[6], f"{r[7]:.4f}"])
    seconds = time.perf_counter() - start
    t.join()
    k = max(1, n)
    return n / seconds, n, det_ms / k, cls_ms / k, boxes_seen / k


def open_writer(path, w, h):
    for fourcc in ("avc1", "mp4v"):  # H.264 when this FFmpeg has an encoder for it, MPEG-4 part 2 otherwise
        writer = cv2.VideoWriter(path, cv2.VideoWriter_fourcc(*fourcc), 10, (w, h))
        if writer.isOpened():
            return writer
    raise RuntimeError("cv2.VideoWriter cannot write " + path)


def decode_rate(path):
    cap = cv2.VideoCapture(path)
    n, start = 0, time.perf_counter()
    while True:
        ok, _ = cap.read()
        if not ok:
            break
        n += 1
    cap.release()
    return n / (time.perf_counter() - start)


def report(name, rate):
    print(f"RESULT {name} {rate:.1f}" if isinstance(rate, float) else f"RESULT {name} {rate}", flush=True)


def main():
    print("# peer: " + peer_blas.describe(), flush=True)
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--input", required=True, help="the 640x480 file PipelineBenchmark prepared (its INPUT line)")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--frames", type=int, help="frames per detector (default 300 with --quick, else 1500)")
    p.add_argument("--out", default="target/bench-pipeline/peer-out")
    p.add_argument("--models", default=os.environ.get("VESTIS_MODELS") or os.path.expanduser("~/.cache/vestis/models"))
    p.add_argument("--detectors", default=",".join(DETECTORS))
    p.add_argument("--memory-frames", type=int, help="ignored (the memory run is the Java harness's); accepted so that "
                   "benchmarks/pipeline.sh can pass the same arguments to both")
    a = p.parse_args()
    frames = a.frames or (300 if a.quick else 1500)
    detectors = a.detectors.split(",")
    os.makedirs(a.out, exist_ok=True)
    print(f"# Python {sys.version.split()[0]}, OpenCV {cv2.__version__}, PyTorch {torch.__version__} "
          f"({torch.get_num_threads()} threads)", flush=True)
    report("decode-only", decode_rate(a.input))
    torch.manual_seed(1)
    model = fashion_cnn().eval()
    run(a.input, WARMUP_FRAMES, Center(), model, a.out, "warmup")
    runs = [(d, d, False) for d in detectors] + ([("person-annotated", "person", True)] if "person" in detectors else [])
    for name, det, video in runs:
        try:
            detector = make_detector(det, a.models)
        except cv2.error as e:
            print(f"# {name}: n/a in OpenCV {cv2.__version__}: {str(e).strip().splitlines()[-1]}", flush=True)
            report(name, "n/a")
            continue
        fps, n, dms, cms, boxes = run(a.input, frames, detector, model, a.out, name, video)
        report(name, fps)
        print(f"# {name}: {n} frames, per frame {dms:.1f} ms detect+track, {cms:.1f} ms crops+classify+smooth, "
              f"{boxes:.2f} boxes", flush=True)


if __name__ == "__main__":
    main()
