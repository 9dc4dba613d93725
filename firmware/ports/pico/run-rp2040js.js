#!/usr/bin/env node
/*
 * Runs a Pico image (fw.bin / golden.bin, raw from 0x10000000, or a .uf2) in rp2040js 1.4.1
 * (npm, MIT; installed by `make BOARD=pico-rp2040js rp2040js`, not committed).
 *
 *   node run-rp2040js.js --lib DIR IMAGE [--golden] [--bootrom bootrom.ts] [--timeout SECONDS]
 *                        [--semihost "ARGS"] [--baud BAUD]
 *
 * UART0 is bridged to stdin/stdout as raw bytes (wrap it in a pty with
 *   socat PTY,link=/tmp/pico,raw,echo=0 EXEC:"node run-rp2040js.js --lib DIR fw.bin"),
 * received bytes are fed only while the UART's 32-byte RX FIFO has room (the line is held back, as
 * QEMU does); with --baud, one byte arrives every 10 bit times of simulated time whether or not the
 * FIFO has room (a real line: a byte that finds the FIFO full is lost and counted, so the firmware's
 * interrupt ring is what keeps up). Messages go to stderr. --golden: UART0 text is copied to stdout and the run ends at the
 * image's BKPT: #0x42 exit 0 (all golden vectors identical), anything else exit 1.
 * --semihost ARGS: BKPT #0xAB is ARM semihosting with the command line ARGS (SYS_GET_CMDLINE,
 * SYS_WRITE0 to stdout, SYS_EXIT), enough for bench.elf (ports/cortex-m/bench_main.c, image linked
 * in); its SysTick then counts rp2040js's cycles at 125 MHz.
 *
 * Start-up: rp2040js cannot run the boot ROM's flash boot (its SSI only answers "read status"), so,
 * as its own demo does, the core starts at boot2 in flash (PC 0x10000000, SP 0x20042000, as the boot
 * ROM leaves it); boot2 sets VTOR to 0x10000100 and enters the image. The boot ROM itself is only
 * needed by the real `pico` image (rom_func_lookup): --bootrom takes the array in rp2040js's
 * demo/bootrom.ts (github wokwi/rp2040js; not committed here). A watchdog reboot restarts the core
 * the same way; flash and RAM are kept.
 */
'use strict';
const fs = require('fs');
const path = require('path');

const args = process.argv.slice(2);
const opt = { golden: false, timeout: 0 };
const rest = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--lib') opt.lib = args[++i];
  else if (a === '--golden') opt.golden = true;
  else if (a === '--bootrom') opt.bootrom = args[++i];
  else if (a === '--timeout') opt.timeout = Number(args[++i]);
  else if (a === '--semihost') opt.semihost = args[++i];
  else if (a === '--baud') opt.baud = Number(args[++i]);
  else rest.push(a);
}
if (!opt.lib || rest.length !== 1) {
  process.stderr.write('usage: run-rp2040js.js --lib DIR IMAGE [--golden] [--bootrom bootrom.ts] [--timeout S]\n');
  process.exit(2);
}
const { RP2040, ConsoleLogger, LogLevel } = require(path.resolve(opt.lib, 'node_modules/rp2040js'));

const mcu = new RP2040();
mcu.logger = new ConsoleLogger(LogLevel.Error);
if (opt.bootrom) {
  const text = fs.readFileSync(opt.bootrom, 'utf8');
  const words = text.slice(text.indexOf('[')).match(/0x[0-9a-fA-F]+/g).map((w) => parseInt(w, 16));
  mcu.loadBootrom(new Uint32Array(words));
}

// the image into the flash array
const image = fs.readFileSync(rest[0]);
if (rest[0].endsWith('.uf2')) {
  for (let off = 0; off + 512 <= image.length; off += 512) {
    const b = image.subarray(off, off + 512);
    if (b.readUInt32LE(0) !== 0x0a324655 || b.readUInt32LE(4) !== 0x9e5d5157 || b.readUInt32LE(508) !== 0x0ab16f30) {
      throw new Error(`uf2 block ${off / 512}: bad magic`);
    }
    const addr = b.readUInt32LE(12);
    const size = b.readUInt32LE(16);
    mcu.flash.set(b.subarray(32, 32 + size), addr - 0x10000000);
  }
} else {
  mcu.flash.set(image, 0);
}

function boot() {
  mcu.core.reset();
  mcu.core.SP = 0x20042000;
  mcu.core.PC = 0x10000000;
}
boot();
mcu.findPeripheral(0x40058000).onWatchdogTrigger = () => {
  process.stderr.write('rp2040js: watchdog reboot\n');
  boot();
};

let text = '';
const uart = mcu.uart[0];
uart.onByte = (v) => {
  if (opt.golden) {
    text += String.fromCharCode(v);
    if (v === 10) {
      process.stdout.write(text.replace(/\r/g, ''));
      text = '';
    }
  } else {
    process.stdout.write(Buffer.from([v]));
  }
};
let done = false;
function cstring(addr) {
  let str = '';
  for (;;) {
    const v = mcu.readUint8(addr++);
    if (v === 0) return str;
    str += String.fromCharCode(v);
  }
}
mcu.onBreak = (code) => {
  if (opt.semihost !== undefined && code === 0xab) {
    const r = mcu.core.registers;
    const op = r[0];
    const arg = r[1] >>> 0;
    if (op === 0x15) { // SYS_GET_CMDLINE: [buffer, length]
      const buf = mcu.readUint32(arg);
      const bytes = Buffer.from(opt.semihost + '\0');
      bytes.forEach((v, i) => mcu.writeUint8(buf + i, v));
      mcu.writeUint32(arg + 4, bytes.length - 1);
      r[0] = 0;
    } else if (op === 0x04) { // SYS_WRITE0
      process.stdout.write(cstring(arg));
      r[0] = 0;
    } else if (op === 0x18) { // SYS_EXIT
      process.exit(arg === 0x20026 ? 0 : 1);
    } else {
      r[0] = 0xffffffff;
    }
    mcu.core.breakRewind = 0; // continue after the BKPT
    return;
  }
  done = true;
  if (text) process.stdout.write(text);
  const ok = opt.golden && code === 0x42;
  process.stderr.write(`rp2040js: BKPT #0x${code.toString(16)} at ${(mcu.core.PC >>> 0).toString(16)} after ${mcu.core.cycles} cycles\n`);
  process.exit(ok ? 0 : 1);
};

const rx = [];
let rxAt = 0;
if (!opt.golden && opt.semihost === undefined) {
  process.stdin.on('data', (d) => {
    for (const v of d) rx.push(v);
  });
  process.stdin.on('end', () => process.exit(0));
}
const byteNs = opt.baud ? 10e9 / opt.baud : 0;
let nextByteAt = 0;
let lost = 0;
function feed() {
  if (!byteNs) {
    while (rxAt < rx.length && !uart.rxFIFO.full) uart.feedByte(rx[rxAt++]);
  } else {
    const now = mcu.clock.nanos;
    if (rxAt < rx.length && nextByteAt < now - byteNs) nextByteAt = now; // the line was idle
    while (rxAt < rx.length && nextByteAt <= now) {
      if (uart.rxFIFO.full) {
        lost++;
        process.stderr.write(`rp2040js: UART0 RX FIFO full, byte ${rxAt} lost (${lost} so far)\n`);
        rxAt++;
      } else {
        uart.feedByte(rx[rxAt++]);
      }
      nextByteAt += byteNs;
    }
  }
  if (rxAt > 65536 && rxAt === rx.length) {
    rx.length = 0;
    rxAt = 0;
  }
}

const start = Date.now();
const cycleNanos = 8; // 125 MHz
function run() {
  for (let i = 0; i < 500000 && !done; i++) {
    if ((i & 31) === 0) feed();
    if (mcu.core.waiting) {
      feed();
      if (rxAt >= rx.length) {
        const ns = mcu.clock.nanosToNextAlarm;
        if (ns > 0) {
          mcu.clock.tick(ns);
          continue;
        }
        setTimeout(run, 1); // idle until the host sends something
        return;
      }
      if (byteNs && mcu.clock.nanos < nextByteAt) { // idle until the next byte arrives
        const alarm = mcu.clock.nanosToNextAlarm;
        const ns = nextByteAt - mcu.clock.nanos;
        mcu.clock.tick(alarm > 0 && alarm < ns ? alarm : ns);
        continue;
      }
    }
    const cycles = mcu.core.executeInstruction();
    mcu.clock.tick(cycles * cycleNanos);
  }
  if (opt.timeout && Date.now() - start > opt.timeout * 1000) {
    process.stderr.write('rp2040js: timeout\n');
    process.exit(3);
  }
  setImmediate(run);
}
run();
