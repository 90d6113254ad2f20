package io.codis.common.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes floating-point numbers in Go's encoding/json form: plain decimal digits ({@code 1},
 * {@code 0.0099}, {@code 1500000}) unless the magnitude is below 1e-6 or at least 1e21, then
 * exponent form with no "+0" padding for negative exponents ({@code 1e-7}, {@code 1e+21}).
 * Not-a-number and infinities, which Go refuses to encode, are written as {@code null}.
 */
final class GoFloatSerializer extends StdSerializer<Number> {
    private static final long serialVersionUID = 1L;

    GoFloatSerializer() {
        super(Number.class);
    }

    @Override
    public void serialize(Number value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        double d = value.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            gen.writeNull();
            return;
        }
        String shortest = value instanceof Float f ? Float.toString(f) : Double.toString(d);
        gen.writeNumber(format(d, new BigDecimal(shortest)));
    }

    static String format(double d, BigDecimal shortest) {
        if (d == 0) {
            return (1 / d) < 0 ? "-0" : "0";
        }
        BigDecimal digits = shortest.stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return digits.toPlainString();
        }
        String unscaled = digits.unscaledValue().abs().toString();
        int exponent = unscaled.length() - 1 - digits.scale();
        StringBuilder out = new StringBuilder();
        if (d < 0) {
            out.append('-');
        }
        out.append(unscaled.charAt(0));
        if (unscaled.length() > 1) {
            out.append('.').append(unscaled, 1, unscaled.length());
        }
        out.append('e').append(exponent < 0 ? '-' : '+');
        int magnitude = Math.abs(exponent);
        if (magnitude < 10 && exponent > 0) {
            out.append('0');
        }
        return out.append(magnitude).toString();
    }
}
