package org.vestis.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.vestis.UserException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/** Loads a YAML config strictly: an unknown key or a wrong type is an error naming the key and the file. */
public final class ConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigLoader() {
    }

    public static VestisConfig load(Path file) {
        if (Files.isDirectory(file)) {
            throw new UserException("Config " + file + " is a directory; name a YAML file such as configs/fashion-mnist.yaml.");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserException("Config file " + file + " does not exist; the shipped ones are in configs/.");
        }
        try {
            VestisConfig config = YAML.readValue(file.toFile(), VestisConfig.class);
            if (config == null) {
                config = new VestisConfig();
            }
            if (config.train == null) {
                config.train = new TrainConfig();
            }
            if (config.pipeline == null) {
                config.pipeline = new PipelineConfig();
            }
            return config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            throw new UserException("Unknown key '" + e.getPropertyName() + "' in " + file + " (line "
                    + e.getLocation().getLineNr() + "); known keys there: " + known + ".", e);
        } catch (InvalidFormatException e) {
            throw new UserException("Wrong value '" + e.getValue() + "' for '" + keyPath(e) + "' in " + file
                    + " (line " + e.getLocation().getLineNr() + "): expected " + e.getTargetType().getSimpleName() + ".", e);
        } catch (com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
            String where = e.getPath().isEmpty() ? "the top level" : "'" + keyPath(e) + "'";
            throw new UserException(file + " does not have the shape of a Vestis config at " + where + " (line "
                    + e.getLocation().getLineNr() + "); compare it with configs/fashion-mnist.yaml.", e);
        } catch (JsonProcessingException e) {
            throw new UserException(file + " is not valid YAML for this tool (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
                    + "): " + e.getOriginalMessage() + ".", e);
        } catch (IOException e) {
            throw new UserException("Cannot read config file " + file + ": " + e.getMessage() + ".", e);
        }
    }

    /** The YAML key of a mapping error as the user wrote it, e.g. train.epochs. */
    private static String keyPath(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."));
    }
}
