#!/usr/bin/env bash
# Issue 8's studies: L1 against L2, the ablations and the neuron counts at the paper's scale (400
# neurons unless swept, 40,000 training images, the full 10,000-image test set, seeds 1-3, both
# datasets), and the Wt sweep at 10,000 training images (its low-Wt points re-present most images
# up to five times, which makes them the costliest points of all).
# Usage: docs/sweep/paper-400/study.sh [DIR]   (results in DIR and DIR-wt; SNN=... for another snn build)
set -ex
D=${1:-runs/paper-400}
SNN=${SNN:-./snn}
C="--train-images 40000 --test-images 10000 --seeds 3"
BOTH="--dataset mnist,fashion-mnist"
if [ -z "$WT_ONLY" ]; then
  # 1. L1 against L2
  $SNN sweep $C $BOTH --norm l1,l2 --dir $D
  # 4. ablations: no scaling, no adaptive threshold, neither
  $SNN sweep $C $BOTH --norm l2,none --no-adaptive-threshold false,true --dir $D
  # 3. neuron counts (400 comes from study 1)
  $SNN sweep $C --dataset mnist --norm l1,l2 --neurons 100,200,800 --dir $D
  $SNN sweep report $D
fi
# 2. the Wt sweep, seed 1 of both norms first so that a stopped run still covers the whole range
W="--train-images 10000 --test-images 10000 $BOTH --dir $D-wt"
L2="--norm l2 --target-norm 1,2,3,4,6,9,12,18,30"
L1="--norm l1 --target-norm 10,20,39,78,156,312,624"
$SNN sweep $W $L2 --seeds 1
$SNN sweep $W $L1 --seeds 1
$SNN sweep $W $L2 --seeds 2,3
$SNN sweep $W $L1 --seeds 2,3
$SNN sweep report $D-wt
# 2b. the low end of Wt, below where the sweep above still learns
$SNN sweep $W --norm l2 --target-norm 0.25,0.5 --seeds 3
$SNN sweep $W --norm l1 --target-norm 2.5,5 --seeds 3
$SNN sweep report $D-wt
# 5. the best Wt of the 10,000-image sweep, at the paper's scale
$SNN sweep $C $BOTH --norm l2 --target-norm 1 --dir $D
$SNN sweep $C --dataset mnist --norm l1 --target-norm 156 --dir $D
$SNN sweep $C --dataset fashion-mnist --norm l1 --target-norm 10 --dir $D
$SNN sweep report $D
