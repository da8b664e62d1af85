package io.tviewstudio.app.graph.render;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;

/**
 * Encodes a JavaFX image as PNG (8-bit RGBA, no filter). Written here because ImageIO would need
 * javafx-swing and AWT for this one job.
 */
public final class PngWriter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngWriter() {
    }

    public static void write(Image image, Path file) throws IOException {
        Files.write(file, encode(image));
    }

    public static byte[] encode(Image image) throws IOException {
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        PixelReader pixels = image.getPixelReader();
        if (pixels == null || width == 0 || height == 0) {
            throw new IOException("the image has no pixels to write");
        }
        ByteArrayOutputStream raw = new ByteArrayOutputStream(width * height);
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(raw, new Deflater(6))) {
            byte[] row = new byte[1 + width * 4];
            int[] argb = new int[width];
            for (int y = 0; y < height; y++) {
                pixels.getPixels(0, y, width, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, width);
                row[0] = 0; // filter type: none
                for (int x = 0; x < width; x++) {
                    int pixel = argb[x];
                    int at = 1 + x * 4;
                    row[at] = (byte) (pixel >> 16);
                    row[at + 1] = (byte) (pixel >> 8);
                    row[at + 2] = (byte) pixel;
                    row[at + 3] = (byte) (pixel >>> 24);
                }
                deflate.write(row);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream(raw.size() + 64);
        png.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream(13);
        DataOutputStream headerData = new DataOutputStream(header);
        headerData.writeInt(width);
        headerData.writeInt(height);
        headerData.writeByte(8); // bit depth
        headerData.writeByte(6); // colour type: RGBA
        headerData.writeByte(0); // compression: deflate
        headerData.writeByte(0); // filter method
        headerData.writeByte(0); // no interlace
        chunk(png, "IHDR", header.toByteArray());
        chunk(png, "IDAT", raw.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream stream = new DataOutputStream(out);
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        stream.writeInt(data.length);
        stream.write(typeBytes);
        stream.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        stream.writeInt((int) crc.getValue());
    }
}
