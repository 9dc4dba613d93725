package snn.deploy.upload;

import snn.protocol.wire.ErrorCode;
import snn.support.SnnException;

/** The device refused a request: names the operation, the offset and the device's error code. */
public final class DeviceException extends SnnException {
    private final ErrorCode code;

    public DeviceException(String port, String operation, long offset, ErrorCode code, String detail) {
        super(CHECK_FAILED, port + ": " + operation + (offset >= 0 ? " at offset " + offset : "") + " refused by the device: "
                + code + " (" + code.getNumber() + ")" + (detail.isEmpty() ? "" : ": " + detail));
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
