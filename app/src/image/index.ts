// Image validation: see validator.ts for the driver and the budget, and the format files for
// what is checked.
import { parseGif } from "./gif";
import { parseJpeg } from "./jpeg";
import { parsePng } from "./png";
import { ImageValidator, type ImageLimits } from "./validator";
import { parseWebp } from "./webp";

export {
  ANIMATION_FACTOR,
  IMAGE_FORMATS,
  ImageProblem,
  ImageValidator,
  MAX_SIDE,
  type ImageInfo,
  type ImageKind,
  type ImageLimits,
} from "./validator";

export function createValidator(limits: ImageLimits): ImageValidator {
  return new ImageValidator(limits, {
    png: parsePng,
    jpeg: parseJpeg,
    gif: parseGif,
    webp: parseWebp,
  });
}
