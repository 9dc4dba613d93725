/* The firmware's main loop: serial bytes -> frames -> snn_board -> frames -> serial. */
#ifndef SNN_FW_H
#define SNN_FW_H

/* Boots from flash and serves the serial line until snn_port_serial_read reports its end (host
 * ports); returns 0 then, or -1 when the flash cannot hold two model slots. Never returns on a board. */
int snn_fw_run(void);

#endif
