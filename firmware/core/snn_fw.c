#include "snn_fw.h"
#include "snn_board.h"
#include "snn_config.h"
#include "snn_frame.h"
#include "snn_port.h"

static snn_frame_rx rx;
static uint8_t tx_payload[SNN_TX_PAYLOAD_MAX];
static uint8_t tx_frame[SNN_COBS_MAX(SNN_TX_PAYLOAD_MAX + 4) + 2];
static uint8_t in[64];

int snn_fw_run(void)
{
    if (snn_board_boot() != 0) {
        return -1;
    }
    snn_frame_rx_init(&rx);
    for (;;) {
        int32_t got = snn_port_serial_read(in, sizeof in);
        if (got < 0) {
            return 0;
        }
        for (int32_t i = 0; i < got; i++) {
            int32_t len = snn_frame_rx_byte(&rx, in[i]);
            if (len <= 0) {
                continue;
            }
            int reboot = 0;
            uint32_t n = snn_board_handle(rx.block, (uint32_t)len, tx_payload, sizeof tx_payload, &reboot);
            if (n > 0) {
                snn_port_serial_write(tx_frame, snn_frame_encode(tx_payload, n, tx_frame));
            }
            if (reboot) {
                snn_port_reboot();
                /* the port could not reboot: restart from flash, dropping what was received */
                snn_board_boot();
                snn_frame_rx_init(&rx);
                break;
            }
        }
    }
}
