/**
 * Minimal Block Kit validation, enough to catch what a reporter gets wrong: an array of at
 * most 50 objects, each with a type, and the text limits of the common layout blocks.
 * Errors read like Slack's (`<problem> [json-pointer:/blocks/0/text]`).
 */

export const MAX_BLOCKS = 50;
const SECTION_TEXT_MAX = 3000;
const SECTION_FIELDS_MAX = 10;
const FIELD_TEXT_MAX = 2000;
const HEADER_TEXT_MAX = 150;
const MARKDOWN_TEXT_MAX = 12000;
const BLOCK_ID_MAX = 255;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkText(value: unknown, pointer: string, max: number, types: readonly string[], errors: string[]): void {
  if (!isObject(value)) {
    errors.push(`must be an object [json-pointer:${pointer}]`);
    return;
  }
  if (typeof value.type !== 'string' || !types.includes(value.type)) {
    errors.push(`must be one of ${types.join(', ')} [json-pointer:${pointer}/type]`);
  }
  if (typeof value.text !== 'string' || value.text.length === 0) {
    errors.push(`must be more than 0 characters [json-pointer:${pointer}/text]`);
  } else if (value.text.length > max) {
    errors.push(`must be less than ${max + 1} characters [json-pointer:${pointer}/text]`);
  }
}

function checkElements(block: Record<string, unknown>, pointer: string, max: number, errors: string[]): void {
  const elements = block.elements;
  if (!Array.isArray(elements) || elements.length === 0) {
    errors.push(`must provide at least 1 item [json-pointer:${pointer}/elements]`);
  } else if (elements.length > max) {
    errors.push(`must provide no more than ${max} items [json-pointer:${pointer}/elements]`);
  } else {
    elements.forEach((element, i) => {
      if (!isObject(element) || typeof element.type !== 'string') errors.push(`missing required field: type [json-pointer:${pointer}/elements/${i}]`);
    });
  }
}

function checkBlock(block: unknown, pointer: string, errors: string[]): void {
  if (!isObject(block)) {
    errors.push(`must be an object [json-pointer:${pointer}]`);
    return;
  }
  if (typeof block.type !== 'string' || block.type.length === 0) {
    errors.push(`missing required field: type [json-pointer:${pointer}]`);
    return;
  }
  if (block.block_id !== undefined && (typeof block.block_id !== 'string' || block.block_id.length === 0 || block.block_id.length > BLOCK_ID_MAX)) {
    errors.push(`must be a string of 1 to ${BLOCK_ID_MAX} characters [json-pointer:${pointer}/block_id]`);
  }
  switch (block.type) {
    case 'section': {
      if (block.text === undefined && block.fields === undefined) {
        errors.push(`must provide either text or fields [json-pointer:${pointer}]`);
      }
      if (block.text !== undefined) checkText(block.text, `${pointer}/text`, SECTION_TEXT_MAX, ['plain_text', 'mrkdwn'], errors);
      if (block.fields !== undefined) {
        if (!Array.isArray(block.fields) || block.fields.length === 0 || block.fields.length > SECTION_FIELDS_MAX) {
          errors.push(`must provide 1 to ${SECTION_FIELDS_MAX} items [json-pointer:${pointer}/fields]`);
        } else {
          block.fields.forEach((field, i) => checkText(field, `${pointer}/fields/${i}`, FIELD_TEXT_MAX, ['plain_text', 'mrkdwn'], errors));
        }
      }
      break;
    }
    case 'header':
      checkText(block.text, `${pointer}/text`, HEADER_TEXT_MAX, ['plain_text'], errors);
      break;
    case 'context':
      checkElements(block, pointer, 10, errors);
      break;
    case 'actions':
      checkElements(block, pointer, 25, errors);
      break;
    case 'markdown':
      if (typeof block.text !== 'string' || block.text.length === 0 || block.text.length > MARKDOWN_TEXT_MAX) {
        errors.push(`must be a string of 1 to ${MARKDOWN_TEXT_MAX} characters [json-pointer:${pointer}/text]`);
      }
      break;
    default:
      // divider, image, rich_text, …: the type is enough for the fake
      break;
  }
}

/** The problems with a blocks array, empty when it is acceptable. */
export function validateBlocks(blocks: unknown[]): string[] {
  const errors: string[] = [];
  if (blocks.length > MAX_BLOCKS) errors.push(`must provide no more than ${MAX_BLOCKS} items [json-pointer:/blocks]`);
  blocks.forEach((block, i) => checkBlock(block, `/blocks/${i}`, errors));
  return errors;
}
