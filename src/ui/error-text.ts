/** The page's one wording of a failed worker call lives with the controllers; components reuse it. */
export { errorText } from '../controllers/error-text';
