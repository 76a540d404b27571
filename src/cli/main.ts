console.log('atx');
