'use strict';
// The featured-image picker: the media library opens as Django admin's lookup popup; once an
// image is chosen its thumbnail shows, and "Remove" empties the field.
{
    const $ = django.jQuery;
    function refresh(picker) {
        const input = picker.querySelector('input.wp-media-id');
        const preview = picker.querySelector('img.wp-media-preview');
        const remove = picker.querySelector('.wp-media-remove');
        const id = (input.value || '').trim();
        const chosen = /^[1-9][0-9]*$/.test(id);
        preview.hidden = !chosen;
        remove.hidden = !chosen;
        if (chosen) {
            preview.src = picker.dataset.library + id + '/thumbnail/';
        }
        picker.querySelector('.wp-media-title').textContent = '';  // named again on save
    }
    $(document).on('change', '.wp-media-picker input.wp-media-id', function() {
        refresh(this.closest('.wp-media-picker'));
    });
    $(document).on('click', '.wp-media-picker .wp-media-remove', function(event) {
        event.preventDefault();
        const picker = this.closest('.wp-media-picker');
        picker.querySelector('input.wp-media-id').value = '';
        refresh(picker);
    });
}
