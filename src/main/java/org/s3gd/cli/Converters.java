package org.s3gd.cli;

import java.util.ArrayList;
import java.util.List;
import org.s3gd.data.DatasetException;
import org.s3gd.data.DatasetId;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option value converters. */
final class Converters {
    private Converters() {
    }

    /** A data set by name: synthetic, fashion-mnist (or fmnist), nmnist, shd. */
    static final class Dataset implements ITypeConverter<DatasetId> {
        @Override
        public DatasetId convert(String value) {
            if (value.equalsIgnoreCase("fmnist") || value.equalsIgnoreCase("f-mnist")) {
                return DatasetId.FASHION_MNIST;
            }
            try {
                return DatasetId.byName(value);
            } catch (DatasetException e) {
                throw new TypeConversionException("unknown data set '" + value
                    + "'; expected one of synthetic, fmnist (fashion-mnist), nmnist, shd");
            }
        }
    }

    /** A weight initialisation: scaled-normal (scaled_normal) or uniform. */
    static final class Init implements ITypeConverter<org.s3gd.model.Initializer> {
        @Override
        public org.s3gd.model.Initializer convert(String value) {
            for (org.s3gd.model.Initializer init : org.s3gd.model.Initializer.values()) {
                if (init.name().equalsIgnoreCase(value.replace('-', '_'))) {
                    return init;
                }
            }
            throw new TypeConversionException("unknown initialisation '" + value + "'; expected scaled-normal or uniform");
        }
    }

    /**
     * Layer widths written as {@code 200,200}. Unlike picocli's own splitting, an empty item
     * ({@code 10,} or {@code 10,,20}) is an error, not a layer fewer.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code value}
     */
    static List<Integer> widths(String option, String value) {
        List<Integer> widths = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException(option + " '" + value + "' has an empty width; give one number per "
                    + "hidden layer, separated by commas, e.g. 200,200");
            }
            try {
                widths.add(Integer.parseInt(item.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " '" + value + "': '" + item + "' is not a whole number");
            }
        }
        return List.copyOf(widths);
    }
}
